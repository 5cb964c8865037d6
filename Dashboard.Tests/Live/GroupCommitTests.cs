using System.Data.Common;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>A group commit that fails because of one submission is retried one submission at a time: only that one fails.</summary>
public class GroupCommitTests
{
    // Holds the write of one report until let go, so that others queue up behind it; refuses another outright.
    private sealed class FaultyDatabase : DbCommandInterceptor
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var values = command.Parameters.Cast<DbParameter>().Select(p => p.Value as string).ToArray();
            if (values.Contains("held-report"))
                await Release.Task;
            if (values.Contains("poison-report"))
                throw new InvalidOperationException("The disk returned garbage for this row.");
            return result;
        }
    }

    [Fact]
    public async Task One_bad_submission_in_a_group_fails_alone_and_the_others_are_stored()
    {
        var faults = new FaultyDatabase();
        using var app = new DashboardFactory { ExtraServices = services => services.AddSingleton<IInterceptor>(faults) };
        var incident = await app.CreateIncidentAsync();
        NewReport Report(string id, int count) => Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(count)) with { Id = id };

        var held = app.Situation.SubmitAsync(incident, [Report("held-report", 1)]);
        // These queue behind the held commit, so the journal takes them as one group.
        var group = new[] { "good-1", "good-2", "poison-report", "good-3" }
            .Select((id, i) => app.Situation.SubmitAsync(incident, [Report(id, 10 + i)]))
            .ToArray();
        faults.Release.SetResult();
        await held;

        var poison = await Assert.ThrowsAnyAsync<Exception>(() => group[2]);
        Assert.Contains("garbage", poison.ToString());
        foreach (var good in group.Where((_, i) => i != 2))
            Assert.Equal(WriteResult.Created, Assert.Single(await good).Result);
        Assert.Equal(4, await app.Situation.CountReportsAsync(incident.Slug));
    }
}
