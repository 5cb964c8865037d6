namespace Dashboard.Situation.Live;

/// <summary>
/// Runs a catch-up pass over the change log one at a time. A poke while a pass runs asks for one more pass after it,
/// so a burst of commits costs a pass or two, never one each, and nothing committed before a poke is missed. A pass
/// that fails is tried again on its own after a pause that doubles each time (half a second up to half a minute), so
/// a picture catches up even when no further change comes to poke it.
/// </summary>
public sealed class CatchUp(Func<CancellationToken, Task<long>> pass, ILogger logger, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private ITimer? _retry;
    private int _failuresInARow;
    private bool _disposed;
    private readonly List<(long Sequence, TaskCompletionSource<bool> Applied)> _waiters = [];
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _running;
    private bool _again;
    private long _cursor;
    // Since when a change may be waiting: the earliest poke not yet taken by a pass, and the one the running (or
    // failing) passes are answering. Both clear once a pass that began after them succeeds.
    private DateTimeOffset? _pokedSince, _passingSince;

    /// <summary>The sequence applied so far.</summary>
    public long Cursor
    {
        get { lock (_gate) return _cursor; }
    }

    /// <summary>How many passes in a row have failed (0 once one succeeds): a picture that cannot catch up says so.</summary>
    public int FailuresInARow
    {
        get { lock (_gate) return _failuresInARow; }
    }

    /// <summary>
    /// Since when a change may have been waiting for this picture, or null when every poke so far has been answered by a
    /// pass that succeeded. A pass takes milliseconds: a time far in the past means the picture cannot catch up.
    /// </summary>
    public DateTimeOffset? BehindSince
    {
        get
        {
            lock (_gate) return Earliest(_pokedSince, _passingSince);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? one, DateTimeOffset? other) =>
        one is null ? other : other is null || one <= other ? one : other;

    /// <summary>The pause before the next try after <paramref name="failures"/> failed passes in a row.</summary>
    public static TimeSpan RetryAfter(int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 16)));

    /// <summary>Whether a first pass has succeeded (the picture is loaded).</summary>
    public bool IsReady
    {
        get { lock (_gate) return _ready.Task.IsCompletedSuccessfully; }
    }

    /// <summary>Completes once a first pass has succeeded; after a failed first pass, the next call tries again.</summary>
    public Task ReadyAsync()
    {
        Task ready;
        lock (_gate) ready = _ready.Task;
        if (!ready.IsCompletedSuccessfully)
            Poke();
        return ready;
    }

    public void Poke()
    {
        lock (_gate)
        {
            _pokedSince ??= clock.GetUtcNow();
            if (_running) { _again = true; return; }
            _running = true;
        }
        // Runs on the poker's thread up to its first real wait: a reader asking for a picture that is not loaded
        // loads it at once, as a lazy load would.
        _ = RunAsync();
    }

    /// <summary>True once everything up to <paramref name="sequence"/> is applied; false when a pass failed first.</summary>
    public Task<bool> WaitForAsync(long sequence)
    {
        TaskCompletionSource<bool> applied;
        lock (_gate)
        {
            if (_cursor >= sequence)
                return Task.FromResult(true);
            // Waiting before poking: the pass poked (or one already running) answers this waiter, whatever its outcome.
            applied = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, applied));
        }
        // The commit has been signalled: a pass now, on this thread, usually applies it without a hop.
        Poke();
        return applied.Task;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            lock (_gate)
            {
                _again = false;
                _passingSince = Earliest(_passingSince, _pokedSince);
                _pokedSince = null;
            }
            bool succeeded;
            long cursor = 0;
            Exception? failure = null;
            try
            {
                cursor = await pass(CancellationToken.None);
                succeeded = true;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Catching up with the change log failed; trying again shortly");
                (succeeded, failure) = (false, e);
            }
            lock (_gate)
            {
                _failuresInARow = succeeded ? 0 : _failuresInARow + 1;
                if (succeeded)
                    _passingSince = null;
                if (!succeeded && !_again && !_disposed)
                {
                    _retry?.Dispose();
                    _retry = clock.CreateTimer(static state => ((CatchUp)state!).Poke(), this, RetryAfter(_failuresInARow), Timeout.InfiniteTimeSpan);
                }
                if (succeeded)
                    _ready.TrySetResult();
                else if (!_ready.Task.IsCompletedSuccessfully)
                {
                    var failed = _ready;
                    _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    failed.TrySetException(failure!);
                }
                if (succeeded)
                    _cursor = Math.Max(_cursor, cursor);
                _waiters.RemoveAll(waiter =>
                {
                    if (succeeded && _cursor < waiter.Sequence)
                        return false;
                    waiter.Applied.TrySetResult(succeeded);
                    return true;
                });
                if (!_again)
                {
                    _running = false;
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _retry?.Dispose();
        }
    }
}
