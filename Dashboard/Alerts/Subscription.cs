using Dashboard.Situation;

namespace Dashboard.Alerts;

/// <summary>Where an alert goes: the subscriber's open pages, an e-mail address, or a webhook.</summary>
public enum AlertChannel { Page, Email, Webhook }

/// <summary>Which kinds of change a subscription is told of.</summary>
public enum AlertChange
{
    /// <summary>A headline moved ("Japan missing 10 → 3").</summary>
    Moved,
    /// <summary>A new claim became the headline (the perpetrators' or another claim-like source's word).</summary>
    Claim,
    /// <summary>A figure was withdrawn or a report retracted.</summary>
    Correction,
    /// <summary>A nationality's (or any key's) first figure.</summary>
    First,
    /// <summary>The incident was declared ended.</summary>
    Ended,
}

/// <summary>
/// What a desk asked to be told of: an incident (or every one), nationalities, groups and statuses (each empty: all),
/// and kinds of change, by one channel.
/// </summary>
public sealed record Subscription(long Id, string Owner, string? Incident, IReadOnlySet<string> Countries, IReadOnlySet<FigureGroup> Groups,
    IReadOnlySet<FigureStatus> Statuses, IReadOnlySet<AlertChange> Changes, AlertChannel Channel, string? Target, bool Names, DateTimeOffset CreatedAt)
{
    /// <summary>The language its alerts are written in ("ja"): the one it was made in, unless it asked for another.</summary>
    public string Language { get; init; } = Localization.Languages.Default;

    public bool Follows(Incident incident) => Incident is null || string.Equals(Incident, incident.Slug, StringComparison.Ordinal);

    /// <summary>Whether this subscription is told of <paramref name="item"/>, one thing a change of <paramref name="incident"/> said.</summary>
    public bool Wants(AlertItem item, Incident incident)
    {
        if (!Follows(incident) || Changes.Count > 0 && !Changes.Contains(item.Kind))
            return false;
        if (item.Move is not { } move)
            return true; // the incident's end concerns every desk that follows it
        return (Groups.Count == 0 || Groups.Contains(move.Key.Group))
            && (Statuses.Count == 0 || Statuses.Contains(move.Key.Status))
            && MoveWords.Concerns(move, CountryFilter.Of(Countries), incident);
    }
}

/// <summary>
/// One thing a change said that an alert can be about: a headline's move, or the incident's end (no move); when it was
/// said (the new headline's report time, else the change's) and how reliable its source is held to be.
/// </summary>
public sealed record AlertItem(AlertChange Kind, HeadlineMove? Move, DateTimeOffset At, string? Reliability)
{

    public static AlertChange KindOf(HeadlineMove move) =>
        move.Correction ? AlertChange.Correction
        : move.To is { IsClaim: true } ? AlertChange.Claim
        : move.From is null ? AlertChange.First
        : AlertChange.Moved;
}
