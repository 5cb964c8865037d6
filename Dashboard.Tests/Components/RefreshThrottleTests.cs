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
}
