namespace Dashboard.Components.Situation;

/// <summary>
/// Turns a stream of change notifications into at most one screen refresh per window: the first change refreshes at
/// once, later ones within the window are folded into one refresh at its end. While changes keep pouring in (several
/// folded into each window) the window doubles, up to <paramref name="longestWindow"/>, and it is back to
/// <paramref name="window"/> after the first quiet spell. Under an ingest storm each open screen then renders about
/// once a second instead of once per committed batch, never lagging by more than the longest window; a lone change
/// still shows at once. A screen never has more than one refresh waiting to run: when the server is too busy to run
/// it in time, the changes that come meanwhile make one more refresh after it (of the latest state), not one each, so an
/// overloaded server shows every screen the newest state as fast as it can instead of falling behind with old ones.
/// </summary>
public sealed class RefreshThrottle(TimeSpan window, Func<Task> refresh, TimeProvider clock, TimeSpan? longestWindow = null, Action? widened = null) : IDisposable
{
    private const int StormRequestsPerWindow = 3;
    private readonly TimeSpan _base = window;
    private readonly TimeSpan _longest = longestWindow ?? window;
    private readonly Lock _gate = new();
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;
    private TimeSpan _current = window;
    private int _requestsInWindow;
    private bool _trailingScheduled;
    private ITimer? _trailing;
    private bool _disposed;
    private bool _running;
    private bool _requestedWhileRunning;

    /// <summary>The window in force now (wider during a storm).</summary>
    public TimeSpan CurrentWindow
    {
        get { lock (_gate) return _current; }
    }

    public void Request()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            if (_running)
            {
                _requestedWhileRunning = true;
                return;
            }
            if (_trailingScheduled)
            {
                _requestsInWindow++;
                return;
            }
            var sinceLast = clock.GetUtcNow() - _lastRefresh;
            if (sinceLast >= _current)
            {
                _current = _base;
                _lastRefresh = clock.GetUtcNow();
                _running = true;
            }
            else
            {
                _trailingScheduled = true;
                _requestsInWindow = 1;
                _trailing?.Dispose();
                _trailing = clock.CreateTimer(_ => Fire(), null, _current - sinceLast, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        Run();
    }

    private void Run() => refresh().ContinueWith(_ => Finished(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    // The refresh has run: changes that came while it waited make one more, through the window as any other.
    private void Finished()
    {
        lock (_gate)
        {
            _running = false;
            if (!_requestedWhileRunning || _disposed)
                return;
            _requestedWhileRunning = false;
        }
        Request();
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _trailingScheduled = false;
            if (_running)
            {
                _requestedWhileRunning = true;
                return;
            }
            _lastRefresh = clock.GetUtcNow();
            if (_requestsInWindow >= StormRequestsPerWindow && _current < _longest)
            {
                _current = TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, _longest.Ticks));
                widened?.Invoke();
            }
            _running = true;
        }
        Run();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _trailing?.Dispose();
        }
    }
}
