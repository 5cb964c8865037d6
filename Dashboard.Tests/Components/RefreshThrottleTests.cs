using Dashboard.Components.Situation;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Components;

/// <summary>A burst of changes becomes one refresh now and one at the end of the window, never one per change. On a fake clock.</summary>
public class RefreshThrottleTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2013-01-19T12:00:00Z"));
    private int _refreshes;

    private RefreshThrottle Throttle(int windowMs, int? longestMs = null) => new(TimeSpan.FromMilliseconds(windowMs),
        () => { Interlocked.Increment(ref _refreshes); return Task.CompletedTask; }, _clock,
        longestMs is { } longest ? TimeSpan.FromMilliseconds(longest) : null);

    private int Refreshes => Volatile.Read(ref _refreshes);

    // A fake clock fires a timer with the clock already at the end of an Advance; in 1 ms steps each fires on time.
    private void Pass(TimeSpan time)
    {
        for (var passed = TimeSpan.Zero; passed < time; passed += TimeSpan.FromMilliseconds(1))
            _clock.Advance(TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void A_burst_of_changes_refreshes_at_once_and_once_more_when_the_window_closes()
    {
        using var throttle = Throttle(200);

        for (var i = 0; i < 100; i++)
            throttle.Request();
        Assert.Equal(1, Refreshes);

        Pass(TimeSpan.FromMilliseconds(199));
        Assert.Equal(1, Refreshes);
        Pass(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Refreshes);
        Pass(TimeSpan.FromSeconds(5));
        Assert.Equal(2, Refreshes);
    }

    [Fact]
    public void Changes_that_come_while_a_refresh_waits_to_run_make_one_more_refresh_after_it_not_one_each()
    {
        // The server is too busy to run the screen's refresh for a while (thousands of screens on two cores).
        var busy = new TaskCompletionSource();
        using var throttle = new RefreshThrottle(TimeSpan.FromMilliseconds(250),
            () => { Interlocked.Increment(ref _refreshes); return busy.Task; }, _clock, TimeSpan.FromSeconds(1));

        throttle.Request();
        for (var second = 0; second < 5; second++)
        {
            Pass(TimeSpan.FromSeconds(1));
            throttle.Request();
        }
        Assert.Equal(1, Refreshes);

        busy.SetResult();
        Assert.Equal(2, Refreshes);
        Pass(TimeSpan.FromSeconds(5));
        Assert.Equal(2, Refreshes);
    }

    [Fact]
    public void A_lone_change_after_a_quiet_spell_refreshes_at_once()
    {
        using var throttle = Throttle(50);

        throttle.Request();
        Pass(TimeSpan.FromMilliseconds(150));
        throttle.Request();

        Assert.Equal(2, Refreshes);
    }

    [Fact]
    public void Nothing_refreshes_after_dispose()
    {
        var throttle = Throttle(50);
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        Pass(TimeSpan.FromSeconds(1));

        Assert.Equal(1, Refreshes);
    }

    [Fact]
    public void A_sustained_storm_widens_the_window_to_the_longest_and_a_quiet_spell_brings_it_back()
    {
        using var throttle = Throttle(50, longestMs: 400);

        // A change every 5 ms for 1.5 s.
        for (var elapsed = 0; elapsed < 1500; elapsed += 5)
        {
            throttle.Request();
            Pass(TimeSpan.FromMilliseconds(5));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), throttle.CurrentWindow);
        // 50 ms windows throughout would be 30 refreshes; widening (50, 100, 200, 400, 400 …) makes it under 10.
        Assert.InRange(Refreshes, 4, 10);

        // Quiet for longer than the widest window after the last trailing refresh.
        Pass(TimeSpan.FromSeconds(1));
        var before = Refreshes;
        throttle.Request();
        Assert.Equal(before + 1, Refreshes);
        Assert.Equal(TimeSpan.FromMilliseconds(50), throttle.CurrentWindow);
    }
}
