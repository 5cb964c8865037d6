using System.Collections.Concurrent;

namespace Dashboard.Security.Limits;

/// <summary>How many times a key was counted in its current window, and when that window ends.</summary>
public readonly record struct WindowCount(int Count, DateTimeOffset Ends);

/// <summary>
/// Counts per key and window, for limits and lockouts. In memory on SQLite (one instance is all there is); in the
/// database on PostgreSQL (<see cref="Data.Postgres.PostgresLimitCounters"/>), so that several instances count together.
/// </summary>
public interface ILimitCounters
{
    /// <summary>
    /// Counts one more for <paramref name="key"/>. A window that has ended starts again at 1; with
    /// <paramref name="renewWindow"/> every count moves the window's end to <paramref name="window"/> from now (a lockout's
    /// "in a row"), otherwise it ends a fixed <paramref name="window"/> after its first count.
    /// </summary>
    Task<WindowCount> CountAsync(string key, TimeSpan window, bool renewWindow = false, CancellationToken cancellationToken = default);

    /// <summary>The count in the current window, 0 when none is open.</summary>
    Task<int> PeekAsync(string key, CancellationToken cancellationToken = default);

    Task ForgetAsync(string key, CancellationToken cancellationToken = default);
}

public sealed class MemoryLimitCounters(TimeProvider clock) : ILimitCounters
{
    private const int SweepAbove = 100_000;
    private readonly ConcurrentDictionary<string, WindowCount> _counts = new();

    public Task<WindowCount> CountAsync(string key, TimeSpan window, bool renewWindow = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_counts.Count > SweepAbove)
            foreach (var (old, count) in _counts)
                if (count.Ends <= now)
                    _counts.TryRemove(old, out _);
        return Task.FromResult(_counts.AddOrUpdate(key, _ => new WindowCount(1, now + window),
            (_, count) => count.Ends <= now ? new WindowCount(1, now + window)
                : new WindowCount(count.Count + 1, renewWindow ? now + window : count.Ends)));
    }

    public Task<int> PeekAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_counts.TryGetValue(key, out var count) && count.Ends > clock.GetUtcNow() ? count.Count : 0);

    public Task ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        _counts.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
