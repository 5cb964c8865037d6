namespace Dashboard.Components.Situation;

/// <summary>
/// Turns a stream of change notifications into at most one screen refresh per window: the first change refreshes at
/// once, later ones within the window are folded into one refresh at its end. Under an ingest storm each open screen
/// renders a few times a second instead of once per committed batch, and still never lags by more than the window.
/// </summary>
public sealed class RefreshThrottle(TimeSpan window, Func<Task> refresh, TimeProvider clock) : IDisposable
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;
    private bool _trailingScheduled;
    private ITimer? _trailing;
    private bool _disposed;

    public void Request()
    {
        lock (_gate)
        {
            if (_disposed || _trailingScheduled)
                return;
            var sinceLast = clock.GetUtcNow() - _lastRefresh;
            if (sinceLast >= window)
            {
                _lastRefresh = clock.GetUtcNow();
                _ = refresh();
                return;
            }
            _trailingScheduled = true;
            _trailing?.Dispose();
            _trailing = clock.CreateTimer(_ => Fire(), null, window - sinceLast, Timeout.InfiniteTimeSpan);
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
