using Dashboard.Localization;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Alerts;

/// <summary>What makes a subscription acceptable, each problem named by its field; nothing is stored while there is one.</summary>
public static class SubscriptionRules
{
    /// <summary>How many subscriptions one owner may hold at once.</summary>
    public const int MostPerOwner = 5000;

    public const int MaxTargetLength = 2000;

    /// <summary>The subscription the submission asks for (id 0), or null with the problems in <paramref name="errors"/>.</summary>
    public static Subscription? Check(SubscriptionSubmission submission, Subscriber subscriber, AlertSettings settings, bool incidentKnown,
        DateTimeOffset now, ValidationErrors errors)
    {
        if (submission.Incident is { } slug && !incidentKnown)
            errors.Add("incident", Say.Format("Subs.NoIncident", slug));
        var countries = new List<string>();
        foreach (var code in submission.Countries ?? [])
        {
            if (Countries.IsKnown(code?.ToUpperInvariant())) countries.Add(code!.ToUpperInvariant());
            else errors.Add("countries", Say.Format("Valid.NotCountry", Shorten(code ?? "null")));
        }
        var groups = Each<FigureGroup>(submission.Groups, "groups", "group", errors);
        var statuses = Each<FigureStatus>(submission.Statuses, "statuses", "status", errors);
        var changes = Each<AlertChange>(submission.Changes, "changes", "change", errors);

        string? target = null;
        AlertChannel? channel = Vocabulary.TryParse<AlertChannel>(submission.Channel, out var c) ? c : null;
        if (channel is null)
            errors.Add("channel", submission.Channel is null ? Say.Text("Subs.ChannelRequired") : Say.Format("Subs.NotChannel", Shorten(submission.Channel)));
        if (channel != AlertChannel.Webhook && submission.Url is not null)
            errors.Add("url", Say.Text("Subs.OnlyWebhookUrl"));
        if (channel != AlertChannel.Email && submission.Email is not null)
            errors.Add("email", Say.Text("Subs.OnlyEmailEmail"));
        switch (channel)
        {
            case AlertChannel.Page when !subscriber.IsPerson:
                errors.Add("channel", Say.Text("Subs.PageNeedsPerson"));
                break;
            case AlertChannel.Webhook:
                if (subscriber is { IsPerson: true, IsAdmin: false })
                    errors.Add("channel", Say.Text("Subs.WebhooksShared"));
                target = WebhookUrl(submission.Url, settings, errors);
                break;
            case AlertChannel.Email:
                if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
                    errors.Add("channel", Say.Text("Subs.NoSmtp"));
                target = EmailAddress(submission.Email, errors);
                break;
        }
        if (submission.Names == true && !subscriber.IsPerson)
            errors.Add("names", Say.Text("Subs.OnlyAnalystNames"));
        // Unless asked for another, alerts are written in the language the subscription was made in.
        var language = string.IsNullOrWhiteSpace(submission.Language) ? Languages.Current : Languages.Supported(submission.Language);
        if (language is null)
            errors.Add("language", Say.Format("Subs.Language", string.Join(", ", Languages.All.Select(l => l.Code))));
        if (errors.Any)
            return null;
        return new Subscription(0, subscriber.Name, submission.Incident, countries.ToHashSet(StringComparer.Ordinal), groups.ToHashSet(), statuses.ToHashSet(),
            changes.ToHashSet(), channel!.Value, target, submission.Names == true, now) { Language = language! };
    }

    /// <summary>Whether a webhook may be called at this address: https, or http to a host in <c>Alerts:AllowHttpHosts</c>.</summary>
    public static string? WhyNotReachable(Uri url, AlertSettings settings) =>
        url.Scheme == Uri.UriSchemeHttps ? null
        : url.Scheme == Uri.UriSchemeHttp && settings.AllowHttpHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase) ? null
        : url.Scheme == Uri.UriSchemeHttp ? Say.Format("Subs.PlainHttp", url.Host)
        : Say.Text("Subs.Https");

    private static string? WebhookUrl(string? url, AlertSettings settings, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(url))
            errors.Add("url", Say.Text("Subs.NeedsUrl"));
        else if (url.Length > MaxTargetLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.UserInfo.Length > 0)
            errors.Add("url", Say.Format("Subs.BadUrl", Shorten(url), MaxTargetLength));
        else if (WhyNotReachable(parsed, settings) is { } why)
            errors.Add("url", why);
        else
            return parsed.AbsoluteUri;
        return null;
    }

    private static string? EmailAddress(string? email, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(email))
            errors.Add("email", Say.Text("Subs.NeedsEmail"));
        else if (email.Length > 254 || !MimeKit.MailboxAddress.TryParse(email, out var address) || address.Address != email.Trim() || !email.Contains('@'))
            errors.Add("email", Say.Format("Subs.BadEmail", Shorten(email)));
        else
            return email.Trim();
        return null;
    }

    private static List<T> Each<T>(List<string>? values, string field, string what, ValidationErrors errors) where T : struct, Enum
    {
        var parsed = new List<T>();
        foreach (var value in values ?? [])
        {
            if (Vocabulary.TryParse<T>(value, out var ok)) parsed.Add(ok);
            else errors.Add(field, Say.Format("Subs.NotOneOf", Shorten(value ?? "null"), Say.Text($"Subs.What.{what}"), string.Join(", ", Vocabulary.WireNames<T>())));
        }
        return parsed;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
