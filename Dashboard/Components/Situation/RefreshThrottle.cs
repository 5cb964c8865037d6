namespace Dashboard.Components.Situation;

/// <summary>
/// Turns a stream of change notifications into at most one screen refresh per window: the first change refreshes at
/// once, later ones within the window are folded into one refresh at its end. While changes keep pouring in (several
/// folded into each window) the window doubles, up to <paramref name="longestWindow"/>, and it is back to
/// <paramref name="window"/> after the first quiet spell. Under an ingest storm each open screen then renders about
/// once a second instead of once per committed batch, never lagging by more than the longest window; a lone change
/// still shows at once.
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
                _ = refresh();
                return;
            }
            _trailingScheduled = true;
            _requestsInWindow = 1;
            _trailing?.Dispose();
            _trailing = clock.CreateTimer(_ => Fire(), null, _current - sinceLast, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _trailingScheduled = false;
            _lastRefresh = clock.GetUtcNow();
            if (_requestsInWindow >= StormRequestsPerWindow && _current < _longest)
            {
                _current = TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, _longest.Ticks));
                widened?.Invoke();
            }
        }
        _ = refresh();
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
