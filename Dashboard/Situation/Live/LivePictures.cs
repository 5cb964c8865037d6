using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Dashboard.Situation.Changes;

namespace Dashboard.Situation.Live;

/// <summary>Where a picture load can be watched and paced: the size of each read, and a hook after each (for tests and benchmarks).</summary>
public sealed class PictureLoading
{
    public int ChunkSize { get; set; } = 4096;

    /// <summary>Awaited after each chunk of the change log is read into a picture's next state.</summary>
    public Func<Incident, Task>? AfterChunk { get; set; }
}

/// <summary>How long a loaded picture has had a change waiting, and how many catch-up passes in a row have failed.</summary>
public sealed record PictureLag(string Incident, TimeSpan Lag, int FailuresInARow);

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
    private readonly IOptionsMonitor<LiveSettings> _settings;

    public LivePictures(ChangeLog log, IChangeSignal signal, SituationNotifications notifications, PictureLoading loading, TimeProvider clock,
        ILogger<LivePictures> logger, Observability.DashboardMetrics metrics, IOptionsMonitor<LiveSettings> settings)
    {
        (_log, _notifications, _loading, _clock, _logger, _metrics, _settings) = (log, notifications, loading, clock, logger, metrics, settings);
        _listening = signal.Listen(OnChange);
        metrics.ObservePictureLags(Lags);
    }

    /// <summary>How long each loaded picture has had a change waiting (zero when it has none), and how many catch-up
    /// passes in a row have failed for it.</summary>
    public IReadOnlyList<PictureLag> Lags()
    {
        var now = _clock.GetUtcNow();
        return [.. LoadedFeeds().Select(feed => new PictureLag(feed.Picture.Incident.Slug,
            feed.CatchUp.BehindSince is { } since && now > since ? now - since : TimeSpan.Zero, feed.CatchUp.FailuresInARow))];
    }

    /// <summary>The loaded pictures behind the change log for longer than <see cref="LiveSettings.BehindAfterSeconds"/>.</summary>
    public IReadOnlyList<PictureLag> Behind() => [.. Lags().Where(lag => lag.Lag >= _settings.CurrentValue.BehindAfter)];

    /// <summary>Since when the incident's picture has been behind the change log for longer than
    /// <see cref="LiveSettings.BehindAfterSeconds"/>, or null while it keeps up (or is not loaded).</summary>
    public DateTimeOffset? BehindSince(Incident incident) =>
        _feeds.TryGetValue(incident.Id, out var lazy) && lazy.IsValueCreated ? BehindSince(lazy.Value) : null;

    private DateTimeOffset? BehindSince(Feed feed) =>
        feed.CatchUp.BehindSince is { } since && _clock.GetUtcNow() - since >= _settings.CurrentValue.BehindAfter ? since : null;

    /// <summary>Tells the screens of each picture that has just fallen behind, or just caught up again, to look again.</summary>
    public void TellScreensWhoseLagChanged()
    {
        foreach (var feed in LoadedFeeds())
        {
            var behind = BehindSince(feed) is not null;
            if (feed.ShownBehind == behind)
                continue;
            feed.ShownBehind = behind;
            _notifications.Announce(feed.Picture.Incident.Slug, []);
        }
    }

    /// <summary>
    /// Lets go of the pictures no screen follows and nobody has read for <see cref="LiveSettings.IdlePictureMinutes"/>:
    /// an incident looked at once stays in memory only while it is looked at. Returns how many were let go.
    /// </summary>
    public int LetGoOfIdle()
    {
        var idleFrom = _clock.GetUtcNow() - TimeSpan.FromMinutes(_settings.CurrentValue.IdlePictureMinutes);
        var let = 0;
        foreach (var (id, lazy) in _feeds)
        {
            if (!lazy.IsValueCreated || lazy.Value is not { } feed || feed.LastRead > idleFrom
                || _notifications.SubscriberCount(feed.Picture.Incident.Slug) > 0)
                continue;
            // Only this very feed: one made again since by a reader stays. A reader still holding this one finishes with it.
            if (_feeds.TryRemove(new KeyValuePair<int, Lazy<Feed>>(id, lazy)))
            {
                feed.CatchUp.Dispose();
                let++;
                // A screen that began to follow it just now must hear of the next change: its picture loads again at once.
                if (_notifications.SubscriberCount(feed.Picture.Incident.Slug) > 0)
                    _ = FeedOf(feed.Picture.Incident).CatchUp.ReadyAsync();
            }
        }
        return let;
    }

    private IEnumerable<Feed> LoadedFeeds() => _feeds.Values.Where(lazy => lazy.IsValueCreated).Select(lazy => lazy.Value);

    /// <summary>How many pictures were loaded from the start of the log: one per incident for the life of the process.</summary>
    public int FullLoads => Volatile.Read(ref _fullLoads);

    public async Task<IncidentPicture> GetAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        var feed = FeedOf(incident);
        feed.LastRead = _clock.GetUtcNow();
        await feed.CatchUp.ReadyAsync().WaitAsync(cancellationToken);
        if (feed.AwaitedByReaders is var awaited and > 0)
        {
            if (feed.CatchUp.Cursor < awaited)
                await feed.CatchUp.WaitForAsync(awaited).WaitAsync(cancellationToken);
            feed.ReadersCaughtUp(awaited);
        }
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
        // A load takes seconds at a million figures; the write is durable and is not held back for it. Every read waits
        // for the load, and from now on for this write too, so the writer still reads its own write.
        if (!feed.CatchUp.IsReady)
        {
            feed.ReadersAwait(sequence);
            return true;
        }
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

    public void Dispose()
    {
        _listening.Dispose();
        foreach (var feed in LoadedFeeds())
            feed.CatchUp.Dispose();
    }

    private sealed class Feed
    {
        private readonly LivePictures _owner;

        public Feed(LivePictures owner, Incident incident)
        {
            _owner = owner;
            Picture = new IncidentPicture(incident, owner._clock);
            LastRead = owner._clock.GetUtcNow();
            CatchUp = new CatchUp(PassAsync, owner._logger, owner._clock);
        }

        public IncidentPicture Picture { get; }
        public CatchUp CatchUp { get; }

        private long _lastReadTicks;

        /// <summary>When a reader last asked for the picture (for letting go of idle ones).</summary>
        public DateTimeOffset LastRead
        {
            get => new(Volatile.Read(ref _lastReadTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _lastReadTicks, value.UtcTicks);
        }

        private long _awaitedByReaders;

        /// <summary>The latest write acknowledged while the picture loaded: a reader waits until it is applied.</summary>
        public long AwaitedByReaders => Volatile.Read(ref _awaitedByReaders);

        public void ReadersCaughtUp(long awaited) => Interlocked.CompareExchange(ref _awaitedByReaders, 0, awaited);

        public void ReadersAwait(long sequence)
        {
            for (var known = AwaitedByReaders; known < sequence; known = AwaitedByReaders)
                if (Interlocked.CompareExchange(ref _awaitedByReaders, sequence, known) == known)
                    return;
        }

        /// <summary>Whether its screens were last told it is behind (only <see cref="TellScreensWhoseLagChanged"/> writes it).</summary>
        public bool ShownBehind { get; set; }

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
                changed.AddRange(run.Changes.SelectMany(c => c.ReportIds));
            }
            return true;
        }

        // Everything after the published state into one new state: what commits offered when it follows on, else
        // the log itself, in chunks. The first pass is the load: the past in one state, then the changes strip's window
        // as the changes it was, one at a time, so every instance (and this one after a restart) shows the same strip.
        private async Task<long> PassAsync(CancellationToken cancellationToken)
        {
            var isLoad = !_loaded;
            var edit = Picture.Begin(recordMoves: !isLoad);
            var changed = new List<string>();
            List<LoggedChange> recent;
            try
            {
                if (isLoad)
                    recent = await ReadLogAsync(edit, changed, movesFrom: _owner._clock.GetUtcNow() - LiveHeadlines.StripWindow, cancellationToken);
                else
                {
                    var followsOn = ApplyOffered(edit, changed);
                    _owner._metrics.PicturePassed(readTheLog: !followsOn);
                    recent = followsOn ? [] : await ReadLogAsync(edit, changed, movesFrom: null, cancellationToken);
                }
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
            if (edit.Sequence == Picture.State.Sequence && recent.Count == 0)
                return edit.Sequence;
            Picture.Publish(edit);
            foreach (var change in recent)
            {
                _ = Picture.State.Moves; // each step's moves worked out on their own, as by a screen reading every change
                var step = Picture.Begin();
                step.Apply([change]);
                Picture.Publish(step);
            }
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
            return Picture.State.Sequence;
        }

        private const int StepsAtMost = 200;

        // Reads the log after the edit into it, up to the first change made at or after movesFrom (when given); that
        // change and all after it are returned unapplied.
        private async Task<List<LoggedChange>> ReadLogAsync(IncidentPicture.Edit edit, List<string> changed, DateTimeOffset? movesFrom,
            CancellationToken cancellationToken)
        {
            var (log, loading) = (_owner._log, _owner._loading);
            var recent = new List<LoggedChange>();
            var after = edit.Sequence;
            while (true)
            {
                var chunk = await log.ReadAsync(Picture.Incident, after, loading.ChunkSize, cancellationToken);
                if (chunk.Count > 0)
                    after = chunk[^1].Sequence;
                var past = recent.Count > 0 ? 0 : FirstMove(chunk, movesFrom, edit.Sequence > 0) ?? chunk.Count;
                edit.Apply(chunk.Take(past));
                changed.AddRange(chunk.Take(past).SelectMany(c => c.ReportIds));
                recent.AddRange(chunk.Skip(past));
                if (recent.Count > StepsAtMost)
                {
                    // A storm's hour: only its last changes can still be on the strip (it keeps 50 moves at most).
                    edit.Apply(recent.Take(recent.Count - StepsAtMost));
                    recent.RemoveRange(0, recent.Count - StepsAtMost);
                }
                if (loading.AfterChunk is { } hook)
                    await hook(Picture.Incident);
                if (chunk.Count < loading.ChunkSize)
                    return recent;
            }
        }

        // The first change made at or after movesFrom, but never the incident's very first: what a picture starts from
        // is where the strip starts, as for a screen opened before any report (the seed, say, is no move).
        private static int? FirstMove(IReadOnlyList<LoggedChange> chunk, DateTimeOffset? movesFrom, bool anyApplied)
        {
            if (movesFrom is not { } from)
                return null;
            for (var i = anyApplied ? 0 : 1; i < chunk.Count; i++)
                if (chunk[i].MadeAt >= from)
                    return i;
            return null;
        }
    }
}
