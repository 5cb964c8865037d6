using System.Net;
using Dashboard.Data;
using Dashboard.Operations;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>Health for an orchestrator, and an online backup that restores to the same tallies.</summary>
public class OperationsTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var app = new DashboardFactory();

        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_backup_taken_while_writes_continue_restores_to_the_same_tallies()
    {
        var backup = Path.Combine(Path.GetTempPath(), $"dashboard-backup-{Guid.NewGuid():N}.db");
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await app.Situation.SubmitAsync(incident, [Reports.Figures($"2013-01-18T12:{i % 60:00}:00+01:00", Reports.Press, Reports.HostagesKilled(i))]);
        });
        await Task.Delay(200);

        await OperationsExtensions.BackupAsync(app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), backup);
        stop.Cancel();
        await writes;

        using var restored = new DashboardFactory { DatabasePath = backup };
        var stored = await restored.Situation.CountReportsAsync(incident.Slug);
        Assert.True(stored > 0);
        Assert.Equal(
            (await app.Situation.GetSituationAsync("in-amenas"))!.Tallies.Select(t => (t.Key, t.Count)),
            (await restored.Situation.GetSituationAsync("in-amenas"))!.Tallies.Select(t => (t.Key, t.Count)));
        await using var check = restored.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
        Assert.Equal("ok", (await check.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Single());
        Assert.Equal(stored, await check.Reports.CountAsync(r => r.Incident!.Slug == incident.Slug));
    }
}
