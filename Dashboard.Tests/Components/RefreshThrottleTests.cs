using Dashboard.Components.Situation;

namespace Dashboard.Tests.Components;

/// <summary>A burst of changes becomes one refresh now and one at the end of the window, never one per change.</summary>
public class RefreshThrottleTests
{
    [Fact]
    public async Task A_burst_of_changes_refreshes_at_once_and_once_more_when_the_window_closes()
    {
        var refreshes = 0;
        var trailing = new TaskCompletionSource();
        using var throttle = new RefreshThrottle(TimeSpan.FromMilliseconds(200), () =>
        {
            if (Interlocked.Increment(ref refreshes) == 2) trailing.TrySetResult();
            return Task.CompletedTask;
        }, TimeProvider.System);

        for (var i = 0; i < 100; i++)
            throttle.Request();
        Assert.Equal(1, Volatile.Read(ref refreshes));

        await trailing.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.Equal(2, Volatile.Read(ref refreshes));
    }

    [Fact]
    public async Task A_lone_change_after_a_quiet_spell_refreshes_at_once()
    {
        var refreshes = 0;
        using var throttle = new RefreshThrottle(TimeSpan.FromMilliseconds(50), () => { Interlocked.Increment(ref refreshes); return Task.CompletedTask; }, TimeProvider.System);

        throttle.Request();
        await Task.Delay(150);
        throttle.Request();

        Assert.Equal(2, Volatile.Read(ref refreshes));
    }

    [Fact]
    public async Task Nothing_refreshes_after_dispose()
    {
        var refreshes = 0;
        var throttle = new RefreshThrottle(TimeSpan.FromMilliseconds(50), () => { Interlocked.Increment(ref refreshes); return Task.CompletedTask; }, TimeProvider.System);
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        await Task.Delay(200);

        Assert.Equal(1, Volatile.Read(ref refreshes));
    }

    [Fact]
    public async Task A_sustained_storm_widens_the_window_to_the_longest_and_a_quiet_spell_brings_it_back()
    {
        var refreshes = 0;
        using var throttle = new RefreshThrottle(TimeSpan.FromMilliseconds(50), () => { Interlocked.Increment(ref refreshes); return Task.CompletedTask; },
            TimeProvider.System, longestWindow: TimeSpan.FromMilliseconds(400));

        var storm = System.Diagnostics.Stopwatch.StartNew();
        while (storm.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            throttle.Request();
            await Task.Delay(5);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), throttle.CurrentWindow);
        // 50 ms windows throughout would be about 30 refreshes; widening (50, 100, 200, 400, 400 …) makes it under 10.
        Assert.InRange(Volatile.Read(ref refreshes), 4, 10);

        // Quiet for longer than the widest window after the last trailing refresh, which can come up to 400 ms after the storm.
        await Task.Delay(1000);
        var before = Volatile.Read(ref refreshes);
        throttle.Request();
        Assert.Equal(before + 1, Volatile.Read(ref refreshes));
        Assert.Equal(TimeSpan.FromMilliseconds(50), throttle.CurrentWindow);
    }
}
