using System.Collections.Concurrent;

namespace Dashboard.Situation;

/// <summary>Where a picture load can be watched and paced: the size of each read, and a hook after each (for tests and benchmarks).</summary>
public sealed class PictureLoading
{
    public int ChunkSize { get; set; } = 4096;

    /// <summary>Awaited after each chunk of the change log is read into a picture's next state.</summary>
    public Func<Incident, Task>? AfterChunk { get; set; }
}

/// <summary>
/// Every incident's live picture in this process, each a projection of the change log. A picture is loaded once, the
/// first time it is asked for, by the same catch-up that keeps it current: a change signalled during the load is
/// read after it, and the load never starts over. Screens are told after each catch-up publishes.
/// </summary>
public sealed class LivePictures : IDisposable
{
    private readonly ChangeLog _log;
    private readonly SituationNotifications _notifications;
    private readonly PictureLoading _loading;
    private readonly TimeProvider _clock;
    private readonly ILogger<LivePictures> _logger;
    private readonly ConcurrentDictionary<int, Lazy<Feed>> _feeds = new();
    private readonly IDisposable _listening;
    private int _fullLoads;

    private readonly Observability.DashboardMetrics _metrics;

    public LivePictures(ChangeLog log, IChangeSignal signal, SituationNotifications notifications, PictureLoading loading, TimeProvider clock,
        ILogger<LivePictures> logger, Observability.DashboardMetrics metrics)
    {
        (_log, _notifications, _loading, _clock, _logger, _metrics) = (log, notifications, loading, clock, logger, metrics);
        _listening = signal.Listen(OnChange);
    }

    /// <summary>How many pictures were loaded from the start of the log: one per incident for the life of the process.</summary>
    public int FullLoads => Volatile.Read(ref _fullLoads);

    public async Task<IncidentPicture> GetAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        var feed = FeedOf(incident);
        await feed.CatchUp.ReadyAsync().WaitAsync(cancellationToken);
        return feed.Picture;
    }

    /// <summary>
    /// Waits until this process's picture of the incident has applied <paramref name="sequence"/>, so a writer reads
    /// its own write; at once when the picture is not loaded (it will read the write when it is). False when catching up failed.
    /// </summary>
    public async Task<bool> WaitForAsync(Incident incident, long sequence)
    {
        if (sequence == 0 || !_feeds.TryGetValue(incident.Id, out var lazy) || !lazy.IsValueCreated)
            return true;
        var feed = lazy.Value;
        try { await feed.CatchUp.ReadyAsync(); }
        catch (Exception) { return false; }
        return await feed.CatchUp.WaitForAsync(sequence);
    }

    private Feed FeedOf(Incident incident) =>
        _feeds.GetOrAdd(incident.Id, _ => new Lazy<Feed>(() => new Feed(this, incident))).Value;

    // A picture not loaded yet reads these changes when it is first asked for.
    private void OnChange(ChangeNotice notice)
    {
        foreach (var id in notice.Everything ? (IEnumerable<int>)_feeds.Keys : notice.IncidentIds)
        {
            if (!_feeds.TryGetValue(id, out var lazy) || !lazy.IsValueCreated)
                continue;
            var feed = lazy.Value;
            feed.Offer(notice.Runs.FirstOrDefault(r => r.IncidentId == id));
            if (notice.CommittedAt != 0)
                feed.NoteCommit(notice.CommittedAt, notice.Trace);
            // The writer's own request usually applies the run at once (it reads its write); this is for everyone else.
            ThreadPool.UnsafeQueueUserWorkItem(static f => f.CatchUp.Poke(), feed, preferLocal: false);
        }
    }

    public void Dispose() => _listening.Dispose();

    private sealed class Feed
    {
        private readonly LivePictures _owner;

        public Feed(LivePictures owner, Incident incident)
        {
            _owner = owner;
            Picture = new IncidentPicture(incident, owner._clock);
            CatchUp = new CatchUp(PassAsync, owner._logger);
        }

        public IncidentPicture Picture { get; }
        public CatchUp CatchUp { get; }

        private readonly Lock _gate = new();
        private readonly List<CommittedRun> _offered = [];
        private bool _mustRead;
        private bool _loaded;

        /// <summary>What a commit wrote, to apply without reading it back if it follows on from the picture; null: read the log.</summary>
        // The latest commit heard of, to time the screens' notification against and to join its trace.
        private (long At, System.Diagnostics.ActivityContext Trace) _commit;

        public void NoteCommit(long at, System.Diagnostics.ActivityContext trace)
        {
            lock (_gate) _commit = (at, trace);
        }

        public void Offer(CommittedRun? run)
        {
            lock (_gate)
            {
                if (run is null) _mustRead = true;
                else _offered.Add(run);
            }
        }

        // The runs offered since the last pass that follow on, one after another, from the picture's sequence; false
        // when there is a gap (a run not offered yet, a notice without one, another writer): then the log is read.
        private bool ApplyOffered(IncidentPicture.Edit edit, List<string> changed)
        {
            List<CommittedRun> runs;
            lock (_gate)
            {
                runs = [.. _offered];
                _offered.Clear();
                if (_mustRead)
                {
                    _mustRead = false;
                    return false;
                }
            }
            foreach (var run in runs.OrderBy(r => r.After))
            {
                if (run.Changes[^1].Sequence <= edit.Sequence)
                    continue;
                if (run.After != edit.Sequence)
                    return false;
                edit.Apply(run.Changes);
                changed.AddRange(run.Changes.SelectMany(ReportIdsOf));
            }
            return true;
        }

        private static IEnumerable<string> ReportIdsOf(LoggedChange change) => change switch
        {
            ReportsStored stored => stored.Reports.Select(r => r.Id),
            ReportRetracted retracted => [retracted.ReportId],
            FigureRetracted withdrawn => [withdrawn.ReportId],
            _ => [],
        };

        // Everything after the published state into one new state: what commits offered when it follows on, else
        // the log itself, in chunks. The first pass is the load.
        private async Task<long> PassAsync(CancellationToken cancellationToken)
        {
            var isLoad = !_loaded;
            var edit = Picture.Begin(recordMoves: !isLoad);
            var changed = new List<string>();
            try
            {
                if (isLoad || !ApplyOffered(edit, changed))
                    await ReadLogAsync(edit, changed, cancellationToken);
            }
            catch
            {
                edit.Abandon();
                Offer(null); // what was offered is gone with this pass: the next one reads the log
                throw;
            }
            if (isLoad)
            {
                Interlocked.Increment(ref _owner._fullLoads);
                _owner._metrics.PictureLoaded(Picture.Incident.Slug);
                _loaded = true;
            }
            if (edit.Sequence == Picture.State.Sequence)
                return edit.Sequence;
            Picture.Publish(edit);
            // Screens open before the load read it when it is done; from then on they hear of every change.
            if (!isLoad)
            {
                (long At, System.Diagnostics.ActivityContext Trace) commit;
                lock (_gate) (commit, _commit) = (_commit, default);
                using var activity = Observability.DashboardMetrics.Activities.StartActivity("screens.notify", System.Diagnostics.ActivityKind.Internal, commit.Trace);
                activity?.SetTag("dashboard.screens", _owner._notifications.SubscriberCount(Picture.Incident.Slug));
                _owner._notifications.Announce(Picture.Incident.Slug, changed);
                if (commit.At != 0)
                    _owner._metrics.ScreensTold(Picture.Incident.Slug, System.Diagnostics.Stopwatch.GetElapsedTime(commit.At));
            }
            return edit.Sequence;
        }

        private async Task ReadLogAsync(IncidentPicture.Edit edit, List<string> changed, CancellationToken cancellationToken)
        {
            var (log, loading) = (_owner._log, _owner._loading);
            while (true)
            {
                var chunk = await log.ReadAsync(Picture.Incident, edit.Sequence, loading.ChunkSize, cancellationToken);
                edit.Apply(chunk);
                changed.AddRange(chunk.SelectMany(ReportIdsOf));
                if (loading.AfterChunk is { } hook)
                    await hook(Picture.Incident);
                if (chunk.Count < loading.ChunkSize)
                    break;
            }
        }
    }
}
