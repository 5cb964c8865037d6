using Dashboard.Localization;

namespace Dashboard.Situation;

/// <summary>The tables a status has a column in.</summary>
[Flags]
public enum StatusTables
{
    None = 0,
    /// <summary>The analyst's per-nationality table and chart.</summary>
    PageCountries = 1,
    /// <summary>The wall's per-nationality table.</summary>
    WallCountries = 2,
    /// <summary>The chips under each incident on the list of incidents.</summary>
    IncidentList = 4,
}

/// <param name="IsOutcome">What became of people who were there: killed, freed and missing together cannot exceed how many were there.</param>
/// <param name="IsPresentState">A state at a moment (still held): once the incident has ended, its last figure is the past, not the present.</param>
/// <param name="OnlyRises">A count that can only go up (the dead stay dead): a source lowering its own figure is worth a warning.</param>
public sealed record StatusTerm(FigureStatus Status, StatusTables Tables, bool IsOutcome, bool OnlyRises, bool IsPresentState = false)
{
    /// <summary>On a card, the wall and in sentences, in the reader's language: "still held".</summary>
    public string Words => Say.Text($"Status.{Status}");

    /// <summary>A table's column heading, where space is short: "held".</summary>
    public string ColumnTitle => Say.Text($"Status.{Status}.Column");

    /// <summary>What a present state's last figure from before an incident's end says once it has ended: "unaccounted for at the end".</summary>
    public string WordsAtTheEnd => IsPresentState ? Say.Text("Status.UnaccountedAtTheEnd") : Words;

    public string Wire => Vocabulary.WireName(Status);
}

public sealed record GroupTerm(FigureGroup Group)
{
    public string Words => Say.Text($"Group.{Group}");

    public string Wire => Vocabulary.WireName(Group);
}

/// <param name="CellMark">Before the number in a table cell ("~", "≥").</param>
/// <param name="Widens">The figure is a bound or an estimate, so a sum beyond it is no contradiction.</param>
public sealed record QualifierTerm(Qualifier Qualifier, string CellMark, bool Widens)
{
    /// <summary>As a person says it before the number ("about", "at least"); empty for an exact figure.</summary>
    public string Words => Say.Text($"Qualifier.{Qualifier}");

    public string Wire => Vocabulary.WireName(Qualifier);
}

/// <summary>
/// Everything the app says about each word of the vocabulary, in one place: its words on screen (the resources', in the
/// reader's language), which tables show it and the order headlines read in. The wire names come from <see cref="Vocabulary"/>. A new status is one line here.
/// </summary>
public static class Terms
{
    private const StatusTables Everywhere = StatusTables.PageCountries | StatusTables.WallCountries | StatusTables.IncidentList;

    public static IReadOnlyList<StatusTerm> Statuses { get; } =
    [
        new(FigureStatus.Killed, Everywhere, IsOutcome: true, OnlyRises: true),
        new(FigureStatus.Injured, StatusTables.PageCountries, IsOutcome: false, OnlyRises: true),
        new(FigureStatus.Missing, Everywhere, IsOutcome: true, OnlyRises: false),
        new(FigureStatus.DeadOrMissing, StatusTables.PageCountries | StatusTables.WallCountries, IsOutcome: true, OnlyRises: false),
        new(FigureStatus.Freed, Everywhere, IsOutcome: true, OnlyRises: true),
        new(FigureStatus.Held, Everywhere, IsOutcome: false, OnlyRises: false, IsPresentState: true),
        new(FigureStatus.Total, StatusTables.None, IsOutcome: false, OnlyRises: true),
    ];

    public static IReadOnlyList<GroupTerm> Groups { get; } =
    [
        new(FigureGroup.Hostages),
        new(FigureGroup.Militants),
        new(FigureGroup.Security),
    ];

    public static IReadOnlyList<QualifierTerm> Qualifiers { get; } =
    [
        new(Qualifier.Exact, "", Widens: false),
        new(Qualifier.Approximate, "~", Widens: true),
        new(Qualifier.AtLeast, "≥", Widens: true),
        new(Qualifier.Provisional, "", Widens: false),
        new(Qualifier.Claimed, "", Widens: false),
    ];

    // The headlines a crisis room reads first; every other pair follows, group by group, in the statuses' order.
    private static readonly (FigureGroup, FigureStatus)[] HeadlinesFirst =
    [
        (FigureGroup.Hostages, FigureStatus.Killed), (FigureGroup.Hostages, FigureStatus.Freed),
        (FigureGroup.Hostages, FigureStatus.Missing), (FigureGroup.Hostages, FigureStatus.Held),
        (FigureGroup.Militants, FigureStatus.Killed), (FigureGroup.Security, FigureStatus.Killed),
        (FigureGroup.Hostages, FigureStatus.DeadOrMissing), (FigureGroup.Hostages, FigureStatus.Injured),
    ];

    private static readonly Dictionary<(FigureGroup, FigureStatus), int> Ranks = HeadlinesFirst
        .Concat(Groups.SelectMany(g => Statuses.Select(s => (g.Group, s.Status))))
        .Distinct()
        .Select((pair, rank) => (pair, rank))
        .ToDictionary(x => x.pair, x => x.rank);

    public static StatusTerm Of(FigureStatus status) => Statuses[(int)status];

    public static GroupTerm Of(FigureGroup group) => Groups[(int)group];

    public static QualifierTerm Of(Qualifier qualifier) => Qualifiers[(int)qualifier];

    /// <summary>Where a group's status stands in reading order: distinct for every pair.</summary>
    public static int ReadingRank(FigureGroup group, FigureStatus status) => Ranks[(group, status)];

    /// <summary>The statuses a table has columns for, in the statuses' order.</summary>
    public static IReadOnlyList<FigureStatus> ShownIn(StatusTables table) =>
        Statuses.Where(s => s.Tables.HasFlag(table)).Select(s => s.Status).ToArray();

    /// <summary>Who a figure is about: "in all", "foreign nationals", "local (Algeria)", "United Kingdom".</summary>
    public static string ScopeWords(string scope, string hostCountry) => scope switch
    {
        Scopes.All => Say.Text("Scope.All"),
        Scopes.Foreign => Say.Text("Scope.Foreign"),
        Scopes.Local => Say.Format("Scope.Local", Countries.NameOf(hostCountry)),
        _ => Countries.NameOf(scope),
    };

    /// <summary>Who said it, and through whom when it relays another's word: "The kidnappers via Mauritanian news agency".</summary>
    public static string SourceWords(Source source) => source.Via is { } via ? Say.Format("Source.Via", source.Name, via) : source.Name;

    /// <summary>Who said it, by kind only (the wall's words, since source names can name people).</summary>
    public static string SourceKindWords(SourceKind kind) => Say.Text(kind switch
    {
        SourceKind.Government or SourceKind.Company or SourceKind.Media or SourceKind.Perpetrator or SourceKind.Witness => $"SourceKind.{kind}",
        _ => "SourceKind.Other",
    });

    /// <summary>A count with its qualifier, as a sentence says it: "37", "about 700", "at least 4", "12 (provisional)", "35 (claimed)".</summary>
    public static string CountWords(int count, Qualifier qualifier) => qualifier == Qualifier.Exact
        ? count.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Say.Format($"Count.{qualifier}", count);

    /// <summary>An estimate's range after its count: " (35–40)"; empty without one.</summary>
    public static string RangeWords(int? low, int? high) =>
        low is { } l && high is { } h ? $" ({l}–{h})" : "";

    /// <summary>"Hostages killed", "Security forces still held".</summary>
    public static string Heading(FigureGroup group, FigureStatus status) => Say.Text($"Heading.{group}.{status}");

    /// <summary>"Hostages killed, in all, over time": what a key's chart shows, named the same on its link, page and caption.</summary>
    public static string OverTime(FigureKey key, string hostCountry) =>
        Say.Format("OverTime", Heading(key.Group, key.Status), key.Organisation ?? ScopeWords(key.Scope, hostCountry));

    /// <summary>The heading of a present state's last figure from before the end, once it has ended: "Hostages unaccounted for at the end".</summary>
    public static string HeadingAtTheEnd(FigureGroup group, FigureStatus status) =>
        Of(status).IsPresentState ? Say.Text($"HeadingAtTheEnd.{group}") : Heading(group, status);

    /// <summary>What a card says of the figures its headline contradicts: "Contradicts: Fewer than … · …".</summary>
    public static string ConflictWords(IReadOnlyList<HeadlineConflict> conflicts) =>
        Say.Format("Conflict.Lead", string.Join(" · ", conflicts.Select(c => c.Says)));

    /// <summary>"Contradicts: A · and 3 more": where room is short, the first <paramref name="most"/> said and the rest counted.</summary>
    public static string ConflictWords(IReadOnlyList<HeadlineConflict> conflicts, int most) => conflicts.Count <= most
        ? ConflictWords(conflicts)
        : Say.Format("Conflict.Lead", string.Join(" · ", [.. conflicts.Take(most).Select(c => c.Says), Say.Count("Conflict.More", conflicts.Count - most)]));
}
