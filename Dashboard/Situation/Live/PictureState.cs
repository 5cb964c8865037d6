using System.Collections.Immutable;

namespace Dashboard.Situation.Live;

/// <summary>An event on the timeline, with when it became known and, if its report was retracted, from when it no longer counts.</summary>
public sealed record TimelineItem(TimelineEntry Entry, long KnownFromTicks, long RetractedFromTicks = long.MaxValue)
{
    /// <summary>The source as its report named it, to read through the source records again when they change.</summary>
    public Source? Filed { get; init; }
}

/// <summary>
/// Everything known about one incident up to one sequence of the change log, frozen. Readers work on the state they
/// were handed, computing any moment's view without a lock, while the next state is built beside it: no reader ever
/// holds up a write, and no write changes what a reader is looking at.
/// </summary>
public sealed class PictureState
{
    // The live moment: after everything reported, and before "never retracted" (long.MaxValue).
    public const long LiveTicks = long.MaxValue - 1;

    private readonly Lazy<SituationSnapshot> _live;
    private readonly TimeProvider _clock;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<FigureKey, HeadlineHistory> _liveHistories = new();

    public PictureState(Incident incident, TimeProvider clock, long sequence, int reportCount,
        ImmutableDictionary<FigureKey, KeyHistory> histories, LiveHeadlines live,
        ImmutableList<TimelineItem> timeline, ImmutableSortedSet<string> nationalities, ImmutableHashSet<string> namedPeople,
        SourceBook sources, PeopleRegister people, long latestReportedTicks, long latestRetractionTicks,
        long latestCountingTicks = long.MinValue, DateTimeOffset? lastChangeAt = null, SourceGrades? grades = null, PastVersions? versions = null)
    {
        Grades = grades ?? SourceGrades.None;
        Versions = versions ?? PastVersions.None;
        (Incident, _clock, Sequence, ReportCount) = (incident, clock, sequence, reportCount);
        (Histories, Live, Timeline, Nationalities, NamedPeople, Book, People) =
            (histories, live, timeline, nationalities, namedPeople, sources, people);
        (LatestReportedTicks, LatestRetractionTicks, LatestCountingTicks, LastChangeAt) = (latestReportedTicks, latestRetractionTicks, latestCountingTicks, lastChangeAt);
        _live = new Lazy<SituationSnapshot>(LiveSnapshot);
    }

    public static PictureState Empty(Incident incident, TimeProvider clock) => new(incident, clock, 0, 0,
        ImmutableDictionary<FigureKey, KeyHistory>.Empty, LiveHeadlines.None, [],
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal), ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase),
        SourceBook.Empty, PeopleRegister.Empty, long.MinValue, long.MinValue);

    public Incident Incident { get; }

    /// <summary>A key's headline history up to now, worked out once per state: every screen charting it shares it.</summary>
    public HeadlineHistory LiveHistory(FigureKey key) => _liveHistories.GetOrAdd(key, k => HeadlineHistory.Of(this, k, null));

    /// <summary>The last sequence of the change log this state has applied.</summary>
    public long Sequence { get; }

    public int ReportCount { get; }
    public ImmutableDictionary<FigureKey, KeyHistory> Histories { get; }
    public LiveHeadlines Live { get; }
    public ImmutableList<TimelineItem> Timeline { get; }
    public ImmutableSortedSet<string> Nationalities { get; }
    public ImmutableHashSet<string> NamedPeople { get; }
    /// <summary>Who each name a report was filed under stands for (<see cref="SourceBook"/>).</summary>
    public SourceBook Book { get; }
    public PeopleRegister People { get; }
    public long LatestReportedTicks { get; }
    public long LatestRetractionTicks { get; }

    /// <summary>The latest reported instant of a report that has not been retracted.</summary>
    public long LatestCountingTicks { get; }

    public DateTimeOffset? LastChangeAt { get; }

    /// <summary>How reliable Analysts hold each source to be; every figure this state gives carries it.</summary>
    public SourceGrades Grades { get; }

    /// <summary>Which change each past moment's view was last altered by.</summary>
    public PastVersions Versions { get; }

    /// <summary>
    /// The version of what is known about <paramref name="asOf"/> when it is in the past (its view is the same for as
    /// long as this is); null for the live moment, whose view changes with every change.
    /// </summary>
    public long? PastVersionOf(DateTimeOffset? asOf) => IsPast(asOf) ? Versions.At(asOf!.Value.UtcTicks) : null;

    /// <summary>The latest moves of live headlines, newest first, a bounded number of them (worked out with them).</summary>
    public ImmutableList<HeadlineMove> Moves => Live.Moves;

    /// <summary>Every source record of the incident (a merged one only under the name it was merged into), with its kind.</summary>
    public IReadOnlyList<Source> Sources() =>
        Book.Records.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>What was last reported about each person named, as of the moment (now when null).</summary>
    public IReadOnlyList<NamedPersonReport> PeopleAt(DateTimeOffset? asOf) => People.At(asOf?.UtcTicks ?? LiveTicks);

    /// <summary>The whole situation as it stood at <paramref name="asOf"/>, or as it stands now when null.</summary>
    public SituationSnapshot Snapshot(DateTimeOffset? asOf)
    {
        if (IsLive(asOf))
            return asOf is null ? _live.Value with { AsOf = _clock.GetUtcNow() } : _live.Value with { AsOf = asOf.Value, IsLive = false };
        var tallies = TalliesAt(asOf!.Value.UtcTicks, CountryFilter.None);
        return new SituationSnapshot(Incident, asOf.Value, false, tallies, Breakdowns(tallies), TimelineAt(asOf.Value.UtcTicks), Span, Nationalities.ToArray(), NamedPeople.ToArray(), LastChangeAt);
    }

    /// <summary>
    /// Headlines as of a moment, computing only the keys the filter keeps. The live view is checked for conflicts whole,
    /// then narrowed; a narrowed past view is checked among the figures it holds (working out the wholes it does not
    /// show as well made each such view several times dearer).
    /// </summary>
    public IReadOnlyList<Tally> Tallies(DateTimeOffset? asOf, CountryFilter countries) => IsLive(asOf)
        ? countries.Tallies(Snapshot(asOf))
        : TalliesAt(asOf!.Value.UtcTicks, countries);

    public IReadOnlyList<CountryBreakdown> Countries(DateTimeOffset? asOf, CountryFilter countries) => IsLive(asOf)
        ? countries.Breakdowns(Snapshot(asOf))
        : Breakdowns(TalliesAt(asOf!.Value.UtcTicks, countries, IsNationalHostageFigure));

    public IReadOnlyList<TimelineEntry> TimelineAsOf(DateTimeOffset? asOf, CountryFilter countries) =>
        countries.Timeline(IsLive(asOf) ? Snapshot(asOf).Timeline : TimelineAt(asOf!.Value.UtcTicks));

    private IncidentSpan Span => new(Incident.StartedAt,
        LatestCountingTicks == long.MinValue ? Incident.StartedAt : new DateTimeOffset(LatestCountingTicks, TimeSpan.Zero));

    /// <summary>Whether the moment is before the latest report or retraction, so that its view must be worked out.</summary>
    public bool IsPast(DateTimeOffset? asOf) => !IsLive(asOf);

    // Nothing is reported or retracted in the future, so any moment after the latest of those sees what is live.
    private bool IsLive(DateTimeOffset? asOf) =>
        asOf is null || asOf.Value.UtcTicks >= Math.Max(LatestReportedTicks, LatestRetractionTicks);

    private SituationSnapshot LiveSnapshot()
    {
        var graded = Live.Headlines.Values.Select(Grades.Apply).ToList();
        graded.Sort(TallyOrder.Compare);
        var tallies = PartsAndWholes.Checked(graded, Incident.HostCountry);
        return new SituationSnapshot(Incident, _clock.GetUtcNow(), true, tallies, Breakdowns(tallies), TimelineAt(LiveTicks), Span, Nationalities.ToArray(), NamedPeople.ToArray(), LastChangeAt, Moves);
    }

    private List<Tally> TalliesAt(long asOfTicks, CountryFilter countries, Func<FigureKey, bool>? keep = null)
    {
        // One core per view: PastViews decides how many run at once, so that the writer keeps a core.
        var tallies = new List<Tally>();
        var view = new PartsAndWholes.View(Incident.HostCountry);
        foreach (var history in HistoriesInOrder)
            if ((keep is null || keep(history.Key)) && countries.Includes(history.Key.Scope, Incident.HostCountry) && history.TallyAt(asOfTicks, view) is { } tally)
                tallies.Add(Grades.Apply(tally));
        view.Over(tallies);
        return tallies;
    }

    // Every key's history in reading order, put in order once per state: sorting a thousand tallies by their keys'
    // words was a fifth of each past view's time.
    private KeyHistory[]? _historiesInOrder;

    private KeyHistory[] HistoriesInOrder => _historiesInOrder ??= SortedByKey(Histories.Values.ToArray());

    private static KeyHistory[] SortedByKey(KeyHistory[] histories)
    {
        Array.Sort(histories, (a, b) => TallyOrder.Compare(a.Key, b.Key));
        return histories;
    }

    private TimelineEntry[] TimelineAt(long asOfTicks) =>
        Timeline.Where(t => t.KnownFromTicks <= asOfTicks && t.RetractedFromTicks > asOfTicks).Select(t => t.Entry).ToArray();

    // The countries view: hostage figures of one nationality (local counts for the host country), no company figures.
    private bool IsNationalHostageFigure(FigureKey key) =>
        key.Group == FigureGroup.Hostages && key.Organisation is null && Scopes.CountryOf(key.Scope, Incident.HostCountry) is not null;

    private IReadOnlyList<CountryBreakdown> Breakdowns(IReadOnlyList<Tally> tallies) => tallies
        .Where(t => IsNationalHostageFigure(t.Key))
        .GroupBy(t => Scopes.CountryOf(t.Scope, Incident.HostCountry)!)
        .Select(g => new CountryBreakdown(
            g.Key,
            Situation.Countries.EnglishNameOf(g.Key),
            g.ToDictionary(t => Vocabulary.WireName(t.Status), t => t.Count),
            g.ToDictionary(t => Vocabulary.WireName(t.Status), t => t.Qualifier)))
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToArray();
}
