using Dashboard.Data;
using Dashboard.Situation;

namespace Dashboard.Alerts;

/// <summary>An alert's words and states, in one place: how a delivery is made for a subscription, and what becomes of it.</summary>
public static class AlertDelivery
{
    public static readonly string Page = Vocabulary.WireName(AlertChannel.Page);
    public static readonly string Email = Vocabulary.WireName(AlertChannel.Email);
    public static readonly string Webhook = Vocabulary.WireName(AlertChannel.Webhook);

    /// <summary>Waiting to be sent (again).</summary>
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Given up on: retried for <see cref="AlertSettings.RetryForHours"/>, or its subscription ended.</summary>
    public const string Failed = "failed";
    /// <summary>On the owner's pages until acknowledged.</summary>
    public const string Shown = "shown";

    /// <summary>The id every attempt carries: the change's sequence and the subscription's id.</summary>
    public static string IdOf(long sequence, long subscriptionId) => $"{sequence}-{subscriptionId}";

    /// <summary>The subscription's alert for what a change said, or null when none of it is for the subscription.</summary>
    public static AlertDeliveryEntity? For(Subscription subscription, ChangeAlerts change, DateTimeOffset madeAt, DateTimeOffset now)
    {
        var items = change.Items.Where(item => subscription.Wants(item, change.Incident)).ToArray();
        if (items.Length == 0)
            return null;
        var id = IdOf(change.Sequence, subscription.Id);
        return new AlertDeliveryEntity
        {
            Id = id, ChangeSequence = change.Sequence, SubscriptionId = subscription.Id, Owner = subscription.Owner,
            Incident = change.Incident.Slug, Channel = Vocabulary.WireName(subscription.Channel), Target = subscription.Target,
            // In the subscriber's language, whatever thread makes it.
            Text = Localization.Languages.In(subscription.Language, () => string.Join('\n', items.Select(item => AlertWords.Line(item, change, subscription.Names)))),
            Payload = subscription.Channel == AlertChannel.Webhook
                ? Localization.Languages.In(subscription.Language, () => AlertWords.Payload(id, change, items, subscription.Names, now)) : "",
            MadeAtUtcTicks = madeAt.UtcTicks, CreatedAtUtcTicks = now.UtcTicks,
            Status = subscription.Channel == AlertChannel.Page ? Shown : Pending, NextAttemptAtUtcTicks = now.UtcTicks,
        };
    }

    /// <summary>How long to wait before the next attempt: the first retry's wait, doubled each time, up to the longest.</summary>
    public static TimeSpan RetryDelay(int attempts, AlertSettings settings) =>
        TimeSpan.FromSeconds(Math.Min(settings.LongestRetrySeconds, settings.FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}
