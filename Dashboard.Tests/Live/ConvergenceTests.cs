using Dashboard.Situation.Live;
using System.Data.Common;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Live;

/// <summary>Fails the next commit after it is durable, as a connection dropped while the commit was acknowledged.</summary>
public sealed class FailAfterCommit : DbTransactionInterceptor
{
    private int _armed;

    public void Arm() => Volatile.Write(ref _armed, 1);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _armed, 0) == 1
            ? throw new InvalidOperationException("The connection dropped as the commit was acknowledged.")
            : Task.CompletedTask;
}

/// <summary>
/// The live picture catches up on every path, not only the happy one (issue 25, finding 1): a commit whose outcome
/// its writer never heard, and a catch-up pass that fails, still end with the picture holding what the log holds,
/// with no further change to poke it.
/// </summary>
public class ConvergenceTests
{
    [Fact]
    public async Task A_report_whose_commit_failed_after_it_was_durable_reaches_the_picture_without_another_change()
    {
        var failAfterCommit = new FailAfterCommit();
        // The next commit failed must be the writer's: the alerts' reader, which commits after each change, is off.
        using var app = new DashboardFactory { Settings = { ["Alerts:Enabled"] = "false" }, ExtraServices = services => services.AddSingleton<IInterceptor>(failAfterCommit) };
        var incident = await app.CreateIncidentAsync();
        Assert.Empty((await app.Situation.GetSituationAsync(incident.Slug))!.Tallies); // the picture is loaded, and follows

        failAfterCommit.Arm();
        await Assert.ThrowsAnyAsync<Exception>(() => app.Situation.SubmitAsync(incident,
            [Reports.Figures("2013-01-16T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(7))]));

        Assert.True(await Instances.SharedDatabase.EventuallyAsync(async () => (await app.Situation.GetSituationAsync(incident.Slug))!.Tallies.Count == 1),
            "The report is in the database but the live picture never showed it");
    }

    [Fact]
    public void A_catch_up_pass_that_fails_is_tried_again_on_its_own_after_half_a_second()
    {
        var clock = new FakeTimeProvider();
        var passes = 0;
        using var catchUp = new CatchUp(_ => ++passes == 1 ? throw new TimeoutException("The database did not answer.") : Task.FromResult(7L),
            NullLogger.Instance, clock);

        catchUp.Poke();
        var afterTheFailure = (catchUp.Cursor, catchUp.FailuresInARow, passes);
        clock.Advance(CatchUp.FirstRetry - TimeSpan.FromMilliseconds(1));
        var justBeforeTheRetry = passes;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal((0L, 1, 1), afterTheFailure);
        Assert.Equal(1, justBeforeTheRetry);
        Assert.Equal((7L, 0, 2), (catchUp.Cursor, catchUp.FailuresInARow, passes));
    }

    [Fact]
    public void Each_failure_in_a_row_doubles_the_pause_up_to_half_a_minute()
    {
        Assert.Equal(
            [0.5, 1, 2, 4, 8, 16, 30, 30],
            Enumerable.Range(1, 8).Select(failures => CatchUp.RetryAfter(failures).TotalSeconds));
    }

    [Fact]
    public async Task Passes_that_go_on_failing_are_tried_again_later_each_time_until_one_succeeds()
    {
        var clock = new FakeTimeProvider();
        var passes = 0;
        using var catchUp = new CatchUp(_ => ++passes <= 3 ? throw new TimeoutException("The database did not answer.") : Task.FromResult(9L),
            NullLogger.Instance, clock);
        catchUp.Poke();
        var readerAfterTheFailure = await catchUp.WaitForAsync(9).WaitAsync(TimeSpan.FromSeconds(30)); // its own pass fails too: told "not applied", not left hanging

        clock.Advance(CatchUp.RetryAfter(2));
        var afterTheThird = (catchUp.Cursor, catchUp.FailuresInARow);
        clock.Advance(CatchUp.RetryAfter(3));

        Assert.False(readerAfterTheFailure);
        Assert.Equal((0L, 3), afterTheThird);
        Assert.Equal((9L, 0, 4), (catchUp.Cursor, catchUp.FailuresInARow, passes));
    }
}
