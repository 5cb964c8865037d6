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

    public LivePictures(ChangeLog log, IChangeSignal signal, SituationNotifications notifications, PictureLoading loading, TimeProvider clock, ILogger<LivePictures> logger)
    {
        (_log, _notifications, _loading, _clock, _logger) = (log, notifications, loading, clock, logger);
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
        foreach (var id in notice.IncidentIds)
            if (_feeds.TryGetValue(id, out var feed) && feed.IsValueCreated)
                feed.Value.CatchUp.Poke();
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

        private bool _loaded;

        // Everything after the published state, in chunks, into one new state: the first pass is the load.
        private async Task<long> PassAsync(CancellationToken cancellationToken)
        {
            var (log, loading) = (_owner._log, _owner._loading);
            var edit = Picture.Begin();
            var isLoad = !_loaded;
            var changed = new List<string>();
            while (true)
            {
                var chunk = await log.ReadAsync(Picture.Incident, edit.Sequence, loading.ChunkSize, cancellationToken);
                edit.Apply(chunk);
                changed.AddRange(chunk.Select(c => c switch { ReportStored s => s.Report.Id, ReportRetracted r => r.ReportId, _ => "" }));
                if (loading.AfterChunk is { } hook)
                    await hook(Picture.Incident);
                if (chunk.Count < loading.ChunkSize)
                    break;
            }
            if (isLoad)
            {
                Interlocked.Increment(ref _owner._fullLoads);
                _loaded = true;
            }
            if (changed.Count == 0)
                return edit.Sequence;
            Picture.Publish(edit);
            // Screens open before the load read it when it is done; from then on they hear of every change.
            if (!isLoad)
                _owner._notifications.Announce(Picture.Incident.Slug, changed);
            return edit.Sequence;
        }
    }
}
