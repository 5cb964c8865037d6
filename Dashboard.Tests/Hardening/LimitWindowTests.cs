using Dashboard.Access;
using Dashboard.Security.Limits;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Hardening;

/// <summary>The app on a clock the test turns: its limits' and lockouts' windows, on the suite's database.</summary>
public class FakeClockAppFactory : DashboardFactory
{
    public FakeTimeProvider Clock { get; }

    public FakeClockAppFactory() : this(DateTimeOffset.Parse("2026-12-06T09:00:00Z"), _ => { }) { }

    protected FakeClockAppFactory(DateTimeOffset start, Action<IServiceCollection> moreServices)
    {
        Clock = new FakeTimeProvider(start);
        ExtraServices = services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            moreServices(services);
        };
    }
}

/// <summary>
/// Windows open, fill, end and start again on a fake clock: in memory on SQLite, in the LimitCounters table on
/// PostgreSQL (CI's second pass), the same answers.
/// </summary>
public class LimitWindowTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private ILimitCounters Counters => app.Services.GetRequiredService<ILimitCounters>();
    private SignInGuard Guard => app.Services.GetRequiredService<SignInGuard>();
    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_fixed_window_counts_up_until_it_ends_then_starts_again_at_one()
    {
        var key = Unique("window");
        var window = TimeSpan.FromMinutes(1);

        var first = await Counters.CountAsync(key, window);
        await Counters.CountAsync(key, window);
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        var lastInWindow = await Counters.CountAsync(key, window);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterItEnded = await Counters.CountAsync(key, window);

        Assert.Equal(1, first.Count);
        Assert.Equal(first.Ends, lastInWindow.Ends); // counting does not move a fixed window's end
        Assert.Equal(3, lastInWindow.Count);
        Assert.Equal(1, afterItEnded.Count);
        Assert.Equal(app.Clock.GetUtcNow() + window, afterItEnded.Ends);
    }

    [Fact]
    public async Task Five_failures_in_a_row_lock_an_address_out_for_fifteen_minutes_after_the_last()
    {
        var account = Unique("KATE@EXAMPLE.ORG");
        for (var i = 0; i < SignInGuard.FailuresBeforeLockout - 1; i++)
        {
            Assert.False(await Guard.RecordFailureAsync(account, "203.0.113.80"));
            app.Clock.Advance(TimeSpan.FromMinutes(10)); // each within fifteen minutes of the one before
        }
        Assert.True(await Guard.RecordFailureAsync(account, "203.0.113.80"));

        app.Clock.Advance(SignInGuard.LockoutDuration - TimeSpan.FromSeconds(1));
        var justBefore = await Guard.IsLockedOutAsync(account, "203.0.113.80");
        var fromElsewhere = await Guard.IsLockedOutAsync(account, "198.51.100.80");
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(justBefore);
        Assert.False(fromElsewhere);
        Assert.False(await Guard.IsLockedOutAsync(account, "203.0.113.80"));
    }

    [Fact]
    public async Task Failures_far_apart_never_lock_and_a_success_starts_the_count_again()
    {
        var apart = Unique("apart@example.org");
        for (var i = 0; i < 2 * SignInGuard.FailuresBeforeLockout; i++)
        {
            await Guard.RecordFailureAsync(apart, "203.0.113.81");
            app.Clock.Advance(SignInGuard.LockoutDuration);
        }
        var reset = Unique("reset@example.org");
        for (var i = 0; i < SignInGuard.FailuresBeforeLockout - 1; i++)
            await Guard.RecordFailureAsync(reset, "203.0.113.81");
        await Guard.RecordSuccessAsync(reset, "203.0.113.81");
        var oneMoreFailure = await Guard.RecordFailureAsync(reset, "203.0.113.81");

        Assert.False(await Guard.IsLockedOutAsync(apart, "203.0.113.81"));
        Assert.False(oneMoreFailure);
        Assert.False(await Guard.IsLockedOutAsync(reset, "203.0.113.81"));
    }
}
