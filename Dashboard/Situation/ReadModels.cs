using System.Text.Json.Serialization;

namespace Dashboard.Situation;

/// <summary>The headline figure for one key at one moment, with the figures that contradict it.</summary>
public sealed record Tally(
    FigureGroup Group,
    FigureStatus Status,
    string Scope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Organisation,
    int Count,
    Qualifier Qualifier,
    Source Source,
    DateTimeOffset ReportedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Statement,
    string ReportId,
    IReadOnlyList<AlternativeFigure> Alternatives)
{
    /// <summary>The same figure without the source's own words, which can name people: for callers who are not Analysts.</summary>
    public Tally WithoutStatement() => this with { Statement = null };

    [JsonIgnore] public FigureKey Key => new(Group, Status, Scope, Organisation);
    [JsonIgnore] public bool IsClaim => Qualifier == Qualifier.Claimed;

    /// <inheritdoc cref="Figure.Low"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Low { get; init; }

    /// <inheritdoc cref="Figure.High"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? High { get; init; }

    private readonly IReadOnlyList<HeadlineConflict>? _conflicts;

    /// <summary>Where this headline contradicts another of the same moment (<see cref="PartsAndWholes"/>); empty when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<HeadlineConflict> Conflicts
    {
        get => _conflicts ?? CheckedIn?.Of(Key) ?? [];
        init => _conflicts = value;
    }

    /// <summary>The past view this figure is part of, which works out its conflicts when they are first read.</summary>
    [JsonIgnore] public PartsAndWholes.View? CheckedIn { get; init; }

    /// <summary>The source's reliability, A–F, as Analysts graded it; null (left out) while ungraded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reliability { get; init; }

    /// <summary>The credibility, 1–6, its report gave the information; null (left out) while ungraded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Credibility { get; init; }

    /// <summary>Both, as the reader sees them: "B2", "B–", "ungraded".</summary>
    [JsonIgnore] public string Grade => Admiralty.Code(Reliability, Credibility);

    /// <summary>The grade in the API's JSON, left out while ungraded: the live document at a million figures carries tens
    /// of thousands of figures.</summary>
    [JsonPropertyName("grade"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GradeWhenGraded => Admiralty.CodeWhenGraded(Reliability, Credibility);
}

/// <summary>A figure that disagrees with the headline. Its statement stays out of the API's JSON, where a large
/// incident would repeat it thousands of times; <see cref="ReportId"/> leads to it.</summary>
public sealed record AlternativeFigure(
    int Count, Qualifier Qualifier, Source Source, DateTimeOffset ReportedAt, [property: JsonIgnore] string Statement, string ReportId)
{
    /// <summary>How it stands to the headline (<see cref="AlternativeRelations"/>).</summary>
    public AlternativeRelation Relation { get; init; }

    /// <inheritdoc cref="Figure.Low"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Low { get; init; }

    /// <inheritdoc cref="Figure.High"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? High { get; init; }

    /// <inheritdoc cref="Tally.Reliability"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reliability { get; init; }

    /// <inheritdoc cref="Tally.Credibility"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Credibility { get; init; }

    /// <inheritdoc cref="Tally.Grade"/>
    [JsonIgnore] public string Grade => Admiralty.Code(Reliability, Credibility);

    /// <inheritdoc cref="Tally.GradeWhenGraded"/>
    [JsonPropertyName("grade"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GradeWhenGraded => Admiralty.CodeWhenGraded(Reliability, Credibility);
}

public sealed record TalliesView(DateTimeOffset AsOf, IReadOnlyList<Tally> Tallies);

/// <summary>The live headlines as of <paramref name="AsOf"/> (now), from the picture at change-log sequence <paramref name="Version"/>.</summary>
public sealed record VersionedTallies(long Version, DateTimeOffset AsOf, IReadOnlyList<Tally> Tallies);

/// <summary>Headline hostage figures for one nationality, keyed by status wire name ("killed", "dead-or-missing").</summary>
public sealed record CountryBreakdown(
    string Country,
    string Name,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, Qualifier> Qualifiers)
{
    // Compared by content: every live state builds the rows afresh, and a screen redraws only the ones that differ.
    public bool Equals(CountryBreakdown? other) =>
        other is not null && Country == other.Country && Name == other.Name && SameEntries(Counts, other.Counts) && SameEntries(Qualifiers, other.Qualifiers);

    public override int GetHashCode() => HashCode.Combine(Country, Counts.Count);

    private static bool SameEntries<T>(IReadOnlyDictionary<string, T> one, IReadOnlyDictionary<string, T> other) =>
        one.Count == other.Count && one.All(entry => other.TryGetValue(entry.Key, out var value) && EqualityComparer<T>.Default.Equals(entry.Value, value));
}

public sealed record TimelineEntry(
    DateTimeOffset At, string Title, string? Detail, IReadOnlyList<string> Countries, Source Source, string ReportId)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Place? Place { get; init; }
}

/// <summary>The whole situation of one incident as it stood at <see cref="AsOf"/>.</summary>
/// <param name="Span">From the incident's start to its latest report: the moments worth travelling to.</param>
/// <param name="Nationalities">Every country the incident's figures, events or people mention, whatever the moment.</param>
/// <param name="NamedPeople">Names of people in the reports, so that screens for everyone (the wall) can keep them out.</param>
/// <param name="LastChangeAt">When the last change to the incident (a report stored or retracted) was recorded: the
/// same on every screen, whenever it was opened.</param>
/// <param name="BehindSince">Since when the live picture has been unable to catch up with the change log (see
/// <see cref="LiveSettings.BehindAfterSeconds"/>), or null: its screens then say BEHIND, never LIVE.</param>
public sealed record SituationSnapshot(
    Incident Incident,
    DateTimeOffset AsOf,
    bool IsLive,
    IReadOnlyList<Tally> Tallies,
    IReadOnlyList<CountryBreakdown> Countries,
    IReadOnlyList<TimelineEntry> Timeline,
    IncidentSpan Span,
    IReadOnlyList<string> Nationalities,
    IReadOnlyCollection<string> NamedPeople,
    DateTimeOffset? LastChangeAt = null,
    IReadOnlyList<HeadlineMove>? Moves = null,
    DateTimeOffset? BehindSince = null)
{
    /// <summary>The latest moves of live headlines, newest first (for the changes strip); empty for a past moment.</summary>
    public IReadOnlyList<HeadlineMove> RecentMoves => Moves ?? [];

    /// <summary>Whether the incident had ended by the moment shown.</summary>
    public bool HasEnded => Incident.HasEndedBy(AsOf);

    /// <summary>A figure of a state at a moment ("still held") reported before the incident ended, shown after it: a
    /// statement about the end, not the present. A report at or after the end gives the present again.</summary>
    public bool IsBeforeTheEnd(Tally tally) => Incident.CarriesPastTheEnd(tally, AsOf);

    /// <summary>From when the live view has been stale, or null; never for an ended incident, whose silence is expected.</summary>
    public DateTimeOffset? StaleSince(TimeSpan staleAfter, DateTimeOffset now) => HasEnded ? null : Span.StaleSince(staleAfter, now);
}

/// <summary>
/// A live headline that moved: a new figure took over (<see cref="From"/> → <see cref="To"/>), or a retraction took one
/// back (<see cref="Correction"/>, with its reason). Kept so that someone who looked away still sees what changed.
/// </summary>
public sealed record HeadlineMove(DateTimeOffset At, FigureKey Key, MoveWords.Side? From, MoveWords.Side? To, string? Source, bool Correction, string? Reason);

/// <summary>From the incident's start to its latest report that counts (a retracted report stretches nothing).</summary>
public sealed record IncidentSpan(DateTimeOffset Start, DateTimeOffset LatestReport)
{
    /// <summary>From when the live view has been stale — no new report for <paramref name="staleAfter"/> — or null while it is not.</summary>
    public DateTimeOffset? StaleSince(TimeSpan staleAfter, DateTimeOffset now) =>
        LatestReport + staleAfter is var since && now > since ? since : null;
}

public enum ReportStanding { Current, Superseded, Retracted }

public sealed record ReportHistoryEntry(Report Report, ReportStanding Standing);

/// <summary>A figure's standing at the moment exported.</summary>
public enum FigureStanding { Headline, Earlier, Claim, Retracted }

/// <summary>The reports behind a moment's view, with which figure was the headline of its key then.</summary>
public sealed record ExportView(Incident Incident, DateTimeOffset Moment, IReadOnlyList<Report> Reports, IReadOnlySet<(string ReportId, FigureKey Key)> Headlines)
{
    public FigureStanding StandingOf(Report report, Figure figure) =>
        report.RetractionOf(figure, Moment) is not null ? FigureStanding.Retracted
        : Headlines.Contains((report.Id, figure.Key)) ? FigureStanding.Headline
        : figure.Qualifier == Qualifier.Claimed ? FigureStanding.Claim
        : FigureStanding.Earlier;
}

/// <summary>A source of an incident with the reliability Analysts gave it (null: ungraded), and who gave it when.</summary>
public sealed record GradedSource(Source Source, string? Reliability, DateTimeOffset? GradedAt, string? GradedBy)
{
    /// <summary>Every name the source has been reported under, its own included.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The source whose word it passes on, if any.</summary>
    public string? Relays { get; init; }
}
