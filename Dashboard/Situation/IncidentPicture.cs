namespace Dashboard.Situation;

/// <summary>
/// Everything reported about one incident, held in memory and ordered for as-of lookups. Built once from the
/// database, then kept current by the reports the service commits; the live snapshot is computed once per change
/// and shared by every reader. Thread-safe.
/// </summary>
public sealed class IncidentPicture(Incident incident)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FigureKey, List<ReportedFigure>> _figuresByKey = [];
    private readonly List<(TimelineEntry Entry, long KnownFromTicks, long Sequence)> _timeline = [];
    private SituationSnapshot? _live;
    private long _latestReportedTicks = long.MinValue;

    public Incident Incident { get; } = incident;

    /// <summary>The sequence of the last report this picture contains.</summary>
    public long Sequence { get; private set; }

    public int FigureCount { get; private set; }

    public int ReportCount { get; private set; }

    /// <summary>Adds reports committed after the ones already held; reports it already has are ignored.</summary>
    public void Apply(IEnumerable<Report> reports)
    {
        lock (_gate)
        {
            foreach (var report in reports.OrderBy(r => r.Sequence))
            {
                if (report.Sequence <= Sequence)
                    continue;
                Add(report);
                Sequence = report.Sequence;
                ReportCount++;
            }
            _live = null;
        }
    }

    private void Add(Report report)
    {
        foreach (var figure in report.Figures)
        {
            if (!_figuresByKey.TryGetValue(figure.Key, out var history))
                _figuresByKey[figure.Key] = history = [];
            InsertInOrder(history, new ReportedFigure(figure, report.Source, report.ReportedAt, report.Statement, report.Id, report.Sequence));
            FigureCount++;
        }
        if (report.Event is { } e)
        {
            var entry = new TimelineEntry(e.At, e.Title, e.Detail, e.Countries, report.Source, report.Id);
            var position = _timeline.FindLastIndex(t => t.Entry.At.UtcTicks <= e.At.UtcTicks) + 1;
            _timeline.Insert(position, (entry, report.ReportedAt.UtcTicks, report.Sequence));
        }
        _latestReportedTicks = Math.Max(_latestReportedTicks, report.ReportedAt.UtcTicks);
    }

    // Reports nearly always arrive in time order, so this is an append; a late-filed report slots into place.
    private static void InsertInOrder(List<ReportedFigure> history, ReportedFigure figure)
    {
        var position = history.Count;
        while (position > 0 && HeadlineRule.Compare(history[position - 1], figure) > 0)
            position--;
        history.Insert(position, figure);
    }

    /// <summary>The situation as it stood at <paramref name="asOf"/>, or as it stands now when null.</summary>
    public SituationSnapshot Snapshot(DateTimeOffset? asOf, TimeProvider clock)
    {
        lock (_gate)
        {
            if (asOf is null || asOf.Value.UtcTicks >= _latestReportedTicks)
            {
                _live ??= Compute(long.MaxValue, clock.GetUtcNow(), isLive: true);
                return asOf is null ? _live with { AsOf = clock.GetUtcNow() } : _live with { AsOf = asOf.Value, IsLive = false };
            }
            return Compute(asOf.Value.UtcTicks, asOf.Value, isLive: false);
        }
    }

    private SituationSnapshot Compute(long asOfTicks, DateTimeOffset asOf, bool isLive)
    {
        var tallies = new List<Tally>(_figuresByKey.Count);
        foreach (var history in _figuresByKey.Values)
        {
            if (HeadlineRule.Headline(history, HeadlineRule.CountKnownAt(history, asOfTicks)) is { } tally)
                tallies.Add(tally);
        }
        tallies.Sort(TallyOrder.Compare);

        var timeline = _timeline
            .Where(t => t.KnownFromTicks <= asOfTicks)
            .Select(t => t.Entry)
            .ToArray();

        return new SituationSnapshot(Incident, asOf, isLive, tallies, CountryBreakdowns(tallies), timeline);
    }

    private IReadOnlyList<CountryBreakdown> CountryBreakdowns(IReadOnlyList<Tally> tallies) => tallies
        .Where(t => t.Group == FigureGroup.Hostages && t.Organisation is null)
        .Select(t => (Country: Scopes.CountryOf(t.Scope, Incident.HostCountry), Tally: t))
        .Where(x => x.Country is not null)
        .GroupBy(x => x.Country!)
        .Select(g => new CountryBreakdown(
            g.Key,
            Countries.NameOf(g.Key),
            g.ToDictionary(x => Vocabulary.WireName(x.Tally.Status), x => x.Tally.Count),
            g.ToDictionary(x => Vocabulary.WireName(x.Tally.Status), x => x.Tally.Qualifier)))
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToArray();
}

/// <summary>A stable reading order: group, status, then all / foreign / local before countries, organisations last.</summary>
public static class TallyOrder
{
    public static int Compare(Tally a, Tally b)
    {
        var c = a.Group.CompareTo(b.Group);
        if (c == 0) c = a.Status.CompareTo(b.Status);
        if (c == 0) c = (a.Organisation is null ? 0 : 1).CompareTo(b.Organisation is null ? 0 : 1);
        if (c == 0) c = string.CompareOrdinal(a.Organisation, b.Organisation);
        if (c == 0) c = ScopeRank(a.Scope).CompareTo(ScopeRank(b.Scope));
        if (c == 0) c = string.CompareOrdinal(a.Scope, b.Scope);
        return c;
    }

    private static int ScopeRank(string scope) => scope switch
    {
        Scopes.All => 0,
        Scopes.Foreign => 1,
        Scopes.Local => 2,
        _ => 3,
    };
}
