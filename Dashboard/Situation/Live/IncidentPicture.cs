using System.Collections.Immutable;
using Dashboard.Situation.Changes;

namespace Dashboard.Situation.Live;

/// <summary>
/// One incident's live picture: a projection of the change log. It holds the latest <see cref="PictureState"/>
/// for readers and builds the next one from the changes after it, publishing each batch at once. Changes come from
/// one catch-up at a time (<see cref="CatchUp"/>); readers never wait for it.
/// </summary>
public sealed class IncidentPicture(Incident incident, TimeProvider clock)
{
    private readonly TimeProvider _clock = clock;
    // What each report brought (its figures in its own order, its event's instant) and when it was reported, so a
    // retraction goes straight to what it takes back instead of reading the whole picture. Only the catch-up touches these.
    private readonly Dictionary<string, (Figure[] Figures, long? EventTicks, long Ticks)> _byReport = new(StringComparer.Ordinal);
    // How many reports that count were reported at each instant: the latest is where the incident's span ends.
    private readonly Dictionary<long, int> _countingAt = [];
    private readonly SortedSet<long> _countingInstants = [];
    private volatile PictureState _state = PictureState.Empty(incident, clock);

    public Incident Incident { get; } = incident;

    /// <summary>What readers see now.</summary>
    public PictureState State => _state;

    /// <summary>A batch of changes built beside the published state; nothing is seen until <see cref="Publish"/>.</summary>
    /// <param name="recordMoves">Whether headline moves go on the changes strip (not for the load, which is the past).</param>
    public Edit Begin(bool recordMoves = true) => new(this, recordMoves);

    public void Publish(Edit edit) => _state = edit.Finish();

    private void CountAt(long ticks, int delta)
    {
        var count = _countingAt.GetValueOrDefault(ticks) + delta;
        if (count > 0)
        {
            _countingAt[ticks] = count;
            _countingInstants.Add(ticks);
        }
        else
        {
            _countingAt.Remove(ticks);
            _countingInstants.Remove(ticks);
        }
    }

    public sealed class Edit
    {
        private readonly IncidentPicture _picture;
        private readonly PictureState _from;
        private readonly ImmutableDictionary<FigureKey, KeyHistory>.Builder _histories;
        private readonly HashSet<FigureKey> _touched = [];
        private readonly ImmutableList<TimelineItem>.Builder _timeline;
        private readonly ImmutableSortedSet<string>.Builder _nationalities;
        private readonly ImmutableHashSet<string>.Builder _namedPeople;
        private SourceBook _book;
        private PeopleRegister _people;
        private SourceGrades _grades;
        private long _sequence, _latestReportedTicks, _latestRetractionTicks;
        private DateTimeOffset? _lastChangeAt;
        // The reason of each key's retraction in this edit, so its move reads as a correction.
        private readonly Dictionary<FigureKey, string> _corrected = [];
        private int _reportCount;
        private Incident _incident;
        // The earliest moment this edit changed what is known about (PastVersions); long.MaxValue while none.
        private long _changedFromTicks = long.MaxValue;

        private readonly bool _recordMoves;
        // The picture's own indices change as the edit applies; an edit that is never published takes that back, or the
        // next pass, reading the same changes again, would find them already indexed and skip them.
        private readonly List<Action> _undo = [];

        internal Edit(IncidentPicture picture, bool recordMoves)
        {
            _picture = picture;
            _recordMoves = recordMoves;
            _from = picture._state;
            _histories = _from.Histories.ToBuilder();
            _timeline = _from.Timeline.ToBuilder();
            _nationalities = _from.Nationalities.ToBuilder();
            _namedPeople = _from.NamedPeople.ToBuilder();
            _book = _from.Book;
            _people = _from.People;
            _grades = _from.Grades;
            _incident = _from.Incident;
            (_sequence, _reportCount) = (_from.Sequence, _from.ReportCount);
            (_latestReportedTicks, _latestRetractionTicks, _lastChangeAt) = (_from.LatestReportedTicks, _from.LatestRetractionTicks, _from.LastChangeAt);
        }

        public long Sequence => _sequence;

        public void Apply(IEnumerable<LoggedChange> changes)
        {
            foreach (var change in changes)
            {
                if (change.Sequence <= _sequence)
                    continue; // already held: a catch-up may read a change twice, it counts once
                change.ApplyTo(this);
                _sequence = change.Sequence;
            }
        }

        internal void Store(Report report)
        {
            Add(report);
            _lastChangeAt = Later(_lastChangeAt, report.RecordedAt);
        }

        internal void Retract(string reportId, Retraction retraction)
        {
            Retract(reportId, retraction.At.UtcTicks);
            if (_picture._byReport.TryGetValue(reportId, out var brought))
                foreach (var figure in brought.Figures)
                    _corrected[figure.Key] = retraction.Reason;
            _lastChangeAt = Later(_lastChangeAt, retraction.At);
        }

        internal void Withdraw(string reportId, int figureIndex, Retraction retraction)
        {
            if (_picture._byReport.TryGetValue(reportId, out var of) && figureIndex < of.Figures.Length)
            {
                // A report gives one figure per key: taking the report back from that key takes back that figure.
                var figure = of.Figures[figureIndex];
                var key = figure.Key;
                Change(key, history => history.Retract(reportId, figure, of.Ticks, retraction.At.UtcTicks));
                _corrected[key] = retraction.Reason;
                _latestRetractionTicks = Math.Max(_latestRetractionTicks, retraction.At.UtcTicks);
                ChangedFrom(retraction.At.UtcTicks);
            }
            _lastChangeAt = Later(_lastChangeAt, retraction.At);
        }

        internal void End(DateTimeOffset? endedAt)
        {
            _incident = _incident with { EndedAt = endedAt };
            ChangedFrom(long.MinValue);
        }

        internal void Grade(string sourceName, string? reliability)
        {
            _grades = _grades.With(sourceName, reliability);
            ChangedFrom(long.MinValue);
        }

        private void ChangedFrom(long ticks) => _changedFromTicks = Math.Min(_changedFromTicks, ticks);

        private void Add(Report report)
        {
            if (_picture._byReport.ContainsKey(report.Id))
                return;
            var host = _picture.Incident.HostCountry;
            _book = _book.Seen(report.Source);
            var source = _book.Resolve(report.Source) is var resolved && resolved.Name != report.Source.Name ? resolved with { FiledAs = report.Source.Name } : resolved;
            _people = _people.Add(report);
            foreach (var figure in report.Figures)
            {
                Change(figure.Key, history => history.Add(new ReportedFigure(figure, source, report.ReportedAt, report.Statement, report.Id, report.Sequence) { Credibility = report.Credibility }));
                if (Scopes.CountryOf(figure.Scope, host) is { } country)
                    _nationalities.Add(country);
            }
            foreach (var person in report.People)
            {
                _nationalities.Add(person.Nationality);
                _namedPeople.Add(person.Name);
            }
            if (report.Event is { } e)
            {
                var entry = new TimelineEntry(e.At, e.Title, e.Detail, e.Countries, source, report.Id) { Place = e.Place };
                var position = TimelineAfter(e.At.UtcTicks);
                _timeline.Insert(position, new TimelineItem(entry, report.ReportedAt.UtcTicks) { Filed = report.Source });
                _nationalities.UnionWith(e.Countries);
            }
            // The figures in the report's own order, one per key: a figure withdrawn alone is found by its place.
            _picture._byReport[report.Id] = ([.. report.Figures], report.Event?.At.UtcTicks, report.ReportedAt.UtcTicks);
            _undo.Add(() => _picture._byReport.Remove(report.Id));
            CountAt(report.ReportedAt.UtcTicks, +1);
            ChangedFrom(report.ReportedAt.UtcTicks);
            _latestReportedTicks = Math.Max(_latestReportedTicks, report.ReportedAt.UtcTicks);
            _reportCount++;
            if (report.Retraction is { } retraction)
                Retract(report.Id, retraction.At.UtcTicks);
        }

        private void Retract(string reportId, long atTicks)
        {
            ChangedFrom(atTicks);
            _people = _people.Retract(reportId, atTicks);
            if (!_picture._byReport.TryGetValue(reportId, out var brought))
                return;
            if (_picture._countingAt.ContainsKey(brought.Ticks))
                CountAt(brought.Ticks, -1);
            foreach (var figure in brought.Figures)
                Change(figure.Key, history => history.Retract(reportId, figure, brought.Ticks, atTicks));
            if (brought.EventTicks is { } eventTicks)
                for (var i = TimelineAfter(eventTicks - 1); i < _timeline.Count && _timeline[i].Entry.At.UtcTicks == eventTicks; i++)
                    if (_timeline[i].Entry.ReportId == reportId)
                        _timeline[i] = _timeline[i] with { RetractedFromTicks = Math.Min(_timeline[i].RetractedFromTicks, atTicks) };
            _latestRetractionTicks = Math.Max(_latestRetractionTicks, atTicks);
        }

        // A merge, rename or relay changes who past figures came from: every figure and event is read through the book
        // again (rare, and a pass over the figures), and the grades follow the record's name.
        internal void Resource(SourceRecord record)
        {
            ChangedFrom(long.MinValue);
            var before = _book;
            _book = _book.With(record);
            foreach (var gone in before.Records.Select(s => s.Name).Except(_book.Records.Select(s => s.Name), StringComparer.OrdinalIgnoreCase))
                _grades = _grades.With(gone, null);
            _grades = _grades.With(record.Name, record.Reliability);
            foreach (var (key, history) in _histories.ToArray())
                if (history.Resourced(_book.Resolve) is { } resourced && !ReferenceEquals(resourced, history))
                {
                    _histories[key] = resourced;
                    _touched.Add(key);
                }
            for (var i = 0; i < _timeline.Count; i++)
                if (_book.Resolve(_timeline[i].Filed ?? _timeline[i].Entry.Source) is var source && source != _timeline[i].Entry.Source)
                    _timeline[i] = _timeline[i] with { Entry = _timeline[i].Entry with { Source = source } };
        }

        // Where the timeline's first event after the instant is (it is in time order): a search, not a read of it all.
        private int TimelineAfter(long ticks)
        {
            var (low, high) = (0, _timeline.Count);
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (_timeline[middle].Entry.At.UtcTicks <= ticks) low = middle + 1; else high = middle;
            }
            return low;
        }

        private void Change(FigureKey key, Func<KeyHistory, KeyHistory> change)
        {
            _histories[key] = change(_histories.GetValueOrDefault(key) ?? new KeyHistory(key));
            _touched.Add(key);
        }

        private void CountAt(long ticks, int delta)
        {
            _picture.CountAt(ticks, delta);
            _undo.Add(() => _picture.CountAt(ticks, -delta));
        }

        /// <summary>Takes back what this edit did to the picture's indices: it will not be published.</summary>
        public void Abandon()
        {
            for (var i = _undo.Count - 1; i >= 0; i--)
                _undo[i]();
            _undo.Clear();
        }

        private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset b) => a is { } known && known >= b ? known : b;

        internal PictureState Finish()
        {
            var histories = _histories.ToImmutable();
            foreach (var key in _touched)
                histories[key].LaidOutLike(_from.Histories.GetValueOrDefault(key));
            return new PictureState(_incident, _picture._clock, _sequence, _reportCount, histories,
                _from.Live.After(_touched, histories, _corrected, _lastChangeAt, asMoves: _recordMoves),
                _timeline.ToImmutable(), _nationalities.ToImmutable(), _namedPeople.ToImmutable(), _book, _people,
                _latestReportedTicks, _latestRetractionTicks,
                _picture._countingInstants.Count == 0 ? long.MinValue : _picture._countingInstants.Max, _lastChangeAt, _grades,
                _changedFromTicks == long.MaxValue ? _from.Versions : _from.Versions.After(_changedFromTicks, _sequence));
        }
    }
}
