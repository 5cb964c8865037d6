namespace Dashboard.Situation;

/// <summary>
/// Runs a catch-up pass over the change log one at a time. A poke while a pass runs asks for one more pass after it,
/// so a burst of commits costs a pass or two, never one each, and nothing committed before a poke is missed.
/// </summary>
public sealed class CatchUp(Func<CancellationToken, Task<long>> pass, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly List<(long Sequence, TaskCompletionSource<bool> Applied)> _waiters = [];
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _running;
    private bool _again;
    private long _cursor;

    /// <summary>The sequence applied so far.</summary>
    public long Cursor
    {
        get { lock (_gate) return _cursor; }
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
        if (Cursor >= sequence)
            return Task.FromResult(true);
        // The commit has been signalled: a pass now, on this thread, usually applies it without a hop.
        Poke();
        TaskCompletionSource<bool> applied;
        lock (_gate)
        {
            if (_cursor >= sequence)
                return Task.FromResult(true);
            applied = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, applied));
        }
        return applied.Task;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            lock (_gate) _again = false;
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
                logger.LogError(e, "Catching up with the change log failed; the next change retries");
                (succeeded, failure) = (false, e);
            }
            lock (_gate)
            {
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
}
