using Dashboard.Data;
using Dashboard.Situation;

namespace Dashboard.Alerts;

/// <summary>A subscription as scripts send it: each list empty (or left out) for all; <c>incident</c> null for every incident.</summary>
public sealed record SubscriptionSubmission(string? Incident, List<string>? Countries, List<string>? Groups, List<string>? Statuses,
    List<string>? Changes, string? Channel, string? Url, string? Email, bool? Names, string? Language = null);

/// <summary>A subscription as the API shows it; <c>secret</c> only in the answer that made a webhook's (it is shown once).</summary>
public sealed record SubscriptionResponse(long Id, string Owner, string? Incident, IReadOnlyList<string> Countries, IReadOnlyList<string> Groups,
    IReadOnlyList<string> Statuses, IReadOnlyList<string> Changes, string Channel, string? Url, string? Email, bool Names, DateTimeOffset CreatedAt)
{
    public string? Secret { get; init; }

    /// <summary>The language its alerts are written in.</summary>
    public string Language { get; init; } = Localization.Languages.Default;

    public static SubscriptionResponse From(Subscription s) => new(s.Id, s.Owner, s.Incident, [.. s.Countries.Order()],
        [.. s.Groups.Select(Vocabulary.WireName)], [.. s.Statuses.Select(Vocabulary.WireName)], [.. s.Changes.Select(AlertWords.Wire)],
        Vocabulary.WireName(s.Channel), s.Channel == AlertChannel.Webhook ? s.Target : null, s.Channel == AlertChannel.Email ? s.Target : null,
        s.Names, s.CreatedAt) { Language = s.Language };
}

/// <summary>Who is asking: a person (with their role) or an API key, which decides the channels and words they may have.</summary>
public sealed record Subscriber(string Name, bool IsPerson, bool IsAdmin);

internal static class SubscriptionRows
{
    public static Subscription ToModel(this SubscriptionEntity row) => new(row.Id, row.Owner, row.Incident,
        Split(row.Countries).ToHashSet(StringComparer.Ordinal),
        Split(row.Groups).Select(Parse<FigureGroup>).ToHashSet(), Split(row.Statuses).Select(Parse<FigureStatus>).ToHashSet(),
        Split(row.Changes).Select(Parse<AlertChange>).ToHashSet(), Parse<AlertChannel>(row.Channel), row.Target, row.Names,
        new DateTimeOffset(row.CreatedAtUtcTicks, TimeSpan.Zero)) { Language = Localization.Languages.Supported(row.Language) ?? Localization.Languages.Default };

    public static string Join<T>(IEnumerable<T> values, Func<T, string> wire) => string.Join(',', values.Select(wire));

    private static IEnumerable<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static T Parse<T>(string wire) where T : struct, Enum =>
        Vocabulary.TryParse<T>(wire, out var value) ? value : throw new InvalidOperationException($"'{wire}' is no {typeof(T).Name}.");
}
