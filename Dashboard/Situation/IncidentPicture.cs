namespace Dashboard.Situation;

/// <summary>
/// Everything reported about one incident, held in memory and ordered for as-of lookups. Built once from the
/// database, then kept current by the reports the service commits. The live view is kept per key and only the keys
/// a change touched are recomputed, so a hundred readers after a change share one cheap refresh. Thread-safe.
/// </summary>
public sealed class IncidentPicture(Incident incident, TimeProvider clock)
{
    private const int ParallelFromKeys = 256;

    // The live moment: after everything reported, and before "never retracted" (long.MaxValue).
    private const long Live = long.MaxValue - 1;
    private readonly Lock _gate = new();
    private readonly Dictionary<FigureKey, KeyHistory> _histories = [];
    private readonly List<TimelineItem> _timeline = [];
    private readonly Dictionary<string, (List<ReportedFigure> Figures, TimelineItem? Event)> _byReport = new(StringComparer.Ordinal);
    private readonly Dictionary<FigureKey, Tally> _liveTallies = [];
    private readonly HashSet<FigureKey> _staleLiveKeys = [];
    private readonly SortedSet<string> _nationalities = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namedPeople = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Source> _sources = new(StringComparer.OrdinalIgnoreCase);
    private readonly PeopleRegister _people = new();
    private SituationSnapshot? _live;
    private long _latestReportedTicks = long.MinValue;
    private long _latestRetractionTicks = long.MinValue;

    public Incident Incident { get; } = incident;

    /// <summary>The sequence of the last report this picture contains.</summary>
    public long Sequence { get; private set; }

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
        var figures = new List<ReportedFigure>(report.Figures.Count);
        _sources[report.Source.Name] = report.Source;
        _people.Add(report);
        TimelineItem? timelineItem = null;
        foreach (var figure in report.Figures)
        {
            if (!_histories.TryGetValue(figure.Key, out var history))
                _histories[figure.Key] = history = new KeyHistory(figure.Key);
            var reported = new ReportedFigure(figure, report.Source, report.ReportedAt, report.Statement, report.Id, report.Sequence);
            history.Add(reported);
            figures.Add(reported);
            _staleLiveKeys.Add(figure.Key);
            if (Scopes.CountryOf(figure.Scope, Incident.HostCountry) is { } country)
                _nationalities.Add(country);
        }
        foreach (var person in report.People)
        {
            _nationalities.Add(person.Nationality);
            _namedPeople.Add(person.Name);
        }
        if (report.Event is { } e)
        {
            var entry = new TimelineEntry(e.At, e.Title, e.Detail, e.Countries, report.Source, report.Id);
            var position = _timeline.FindLastIndex(t => t.Entry.At.UtcTicks <= e.At.UtcTicks) + 1;
            timelineItem = new TimelineItem(entry, report.ReportedAt.UtcTicks);
            _timeline.Insert(position, timelineItem);
            _nationalities.UnionWith(e.Countries);
        }
        _byReport[report.Id] = (figures, timelineItem);
        _latestReportedTicks = Math.Max(_latestReportedTicks, report.ReportedAt.UtcTicks);
        if (report.Retraction is { } retraction)
            MarkRetracted(report.Id, retraction.At.UtcTicks);
    }

    /// <summary>Every source that has reported on the incident, by name, with the kind it was last given.</summary>
    public IReadOnlyList<Source> Sources()
    {
        lock (_gate)
            return _sources.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>What was last reported about each person named, as of the moment (now when null).</summary>
    public IReadOnlyList<NamedPersonReport> PeopleAt(DateTimeOffset? asOf)
    {
        lock (_gate)
            return _people.At(asOf?.UtcTicks ?? Live);
    }

    /// <summary>From <paramref name="at"/> on, the report's figures and event no longer count; earlier moments keep them.</summary>
    public void Retract(string reportId, DateTimeOffset at)
    {
        lock (_gate)
        {
            MarkRetracted(reportId, at.UtcTicks);
            _live = null;
        }
    }

    private void MarkRetracted(string reportId, long atTicks)
    {
        _people.Retract(reportId, atTicks);
        if (!_byReport.TryGetValue(reportId, out var report))
            return;
        foreach (var figure in report.Figures)
        {
            figure.RetractedFromTicks = atTicks;
            _staleLiveKeys.Add(figure.Figure.Key);
        }
        if (report.Event is { } item)
            item.RetractedFromTicks = atTicks;
        _latestRetractionTicks = Math.Max(_latestRetractionTicks, atTicks);
    }

    /// <summary>The whole situation as it stood at <paramref name="asOf"/>, or as it stands now when null.</summary>
    public SituationSnapshot Snapshot(DateTimeOffset? asOf)
    {
        lock (_gate)
        {
            if (IsLive(asOf))
            {
                _live ??= LiveSnapshot(clock.GetUtcNow());
                return asOf is null ? _live with { AsOf = clock.GetUtcNow() } : _live with { AsOf = asOf.Value, IsLive = false };
            }
            var tallies = TalliesAt(asOf!.Value.UtcTicks, CountryFilter.None);
            return new SituationSnapshot(Incident, asOf.Value, false, tallies, Breakdowns(tallies), TimelineAt(asOf.Value.UtcTicks), Span, _nationalities.ToArray(), _namedPeople.ToArray());
        }
    }

    /// <summary>Headlines as of a moment, computing only the keys the filter keeps.</summary>
    public IReadOnlyList<Tally> Tallies(DateTimeOffset? asOf, CountryFilter countries)
    {
        lock (_gate)
        {
            return IsLive(asOf)
                ? countries.Tallies(Snapshot(asOf))
                : TalliesAt(asOf!.Value.UtcTicks, countries);
        }
    }

    public IReadOnlyList<CountryBreakdown> Countries(DateTimeOffset? asOf, CountryFilter countries)
    {
        lock (_gate)
        {
            if (IsLive(asOf))
                return countries.Breakdowns(Snapshot(asOf));
            return Breakdowns(TalliesAt(asOf!.Value.UtcTicks, countries, IsNationalHostageFigure));
        }
    }

    public IReadOnlyList<TimelineEntry> Timeline(DateTimeOffset? asOf, CountryFilter countries)
    {
        lock (_gate)
        {
            var timeline = IsLive(asOf) ? Snapshot(asOf).Timeline : TimelineAt(asOf!.Value.UtcTicks);
            return countries.Timeline(timeline);
        }
    }

    private IncidentSpan Span => new(Incident.StartedAt,
        _latestReportedTicks == long.MinValue ? Incident.StartedAt : new DateTimeOffset(_latestReportedTicks, TimeSpan.Zero));

    // Nothing is reported or retracted in the future, so any moment after the latest of those sees what is live.
    private bool IsLive(DateTimeOffset? asOf) =>
        asOf is null || asOf.Value.UtcTicks >= Math.Max(_latestReportedTicks, _latestRetractionTicks);

    private SituationSnapshot LiveSnapshot(DateTimeOffset now)
    {
        foreach (var key in _staleLiveKeys)
        {
            if (_histories[key].TallyAt(Live) is { } tally)
                _liveTallies[key] = tally;
            else
                _liveTallies.Remove(key); // every figure of the key retracted
        }
        _staleLiveKeys.Clear();
        var tallies = _liveTallies.Values.ToList();
        tallies.Sort(TallyOrder.Compare);
        return new SituationSnapshot(Incident, now, true, tallies, Breakdowns(tallies), TimelineAt(Live), Span, _nationalities.ToArray(), _namedPeople.ToArray());
    }

    private List<Tally> TalliesAt(long asOfTicks, CountryFilter countries, Func<FigureKey, bool>? keep = null)
    {
        var histories = _histories.Values
            .Where(h => (keep is null || keep(h.Key)) && countries.Includes(h.Key.Scope, Incident.HostCountry))
            .ToArray();
        var computed = new Tally?[histories.Length];
        // A big incident has a thousand keys with dozens of alternatives each: worth spreading over the cores.
        if (histories.Length >= ParallelFromKeys)
            Parallel.For(0, histories.Length, i => computed[i] = histories[i].TallyAt(asOfTicks));
        else
            for (var i = 0; i < histories.Length; i++)
                computed[i] = histories[i].TallyAt(asOfTicks);

        var tallies = new List<Tally>(computed.Length);
        foreach (var tally in computed)
            if (tally is not null) tallies.Add(tally);
        tallies.Sort(TallyOrder.Compare);
        return tallies;
    }

    private TimelineEntry[] TimelineAt(long asOfTicks) =>
        _timeline.Where(t => t.KnownFromTicks <= asOfTicks && t.RetractedFromTicks > asOfTicks).Select(t => t.Entry).ToArray();

    private sealed class TimelineItem(TimelineEntry entry, long knownFromTicks)
    {
        public TimelineEntry Entry { get; } = entry;
        public long KnownFromTicks { get; } = knownFromTicks;
        public long RetractedFromTicks { get; set; } = long.MaxValue;
    }

    // The countries view: hostage figures of one nationality (local counts for the host country), no company figures.
    private bool IsNationalHostageFigure(FigureKey key) =>
        key.Group == FigureGroup.Hostages && key.Organisation is null && Scopes.CountryOf(key.Scope, Incident.HostCountry) is not null;

    private IReadOnlyList<CountryBreakdown> Breakdowns(IReadOnlyList<Tally> tallies) => tallies
        .Where(t => IsNationalHostageFigure(t.Key))
        .GroupBy(t => Scopes.CountryOf(t.Scope, Incident.HostCountry)!)
        .Select(g => new CountryBreakdown(
            g.Key,
            Situation.Countries.NameOf(g.Key),
            g.ToDictionary(t => Vocabulary.WireName(t.Status), t => t.Count),
            g.ToDictionary(t => Vocabulary.WireName(t.Status), t => t.Qualifier)))
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToArray();
}
