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

    [SqliteFact]
    public async Task Ready_is_503_when_the_database_is_gone_and_live_still_answers()
    {
        using var app = new DashboardFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(app.DatabasePath + suffix);
        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("create-admin")]
    [InlineData("create-admin", "not-an-address")]
    [InlineData("backup", "a.db", "b.db")]
    public async Task A_command_given_wrongly_says_how_and_exits_2_rather_than_starting_the_server(params string[] args)
    {
        using var app = new DashboardFactory();
        var (output, error) = (new StringWriter(), new StringWriter());

        Assert.Equal(2, await Commands.RunAsync(app.Services, args, output, error));
        Assert.Contains("create-admin <email>", error.ToString());
    }

    [SqliteFact]
    public async Task A_backup_never_overwrites_a_file_and_other_arguments_start_the_server()
    {
        using var app = new DashboardFactory();
        var existing = Path.GetTempFileName();
        var error = new StringWriter();

        Assert.Equal(1, await Commands.RunAsync(app.Services, ["backup", existing], TextWriter.Null, error));
        Assert.Contains("exists already", error.ToString());
        Assert.Equal(0, new FileInfo(existing).Length);
        Assert.Null(await Commands.RunAsync(app.Services, ["--urls", "http://127.0.0.1:5999"], TextWriter.Null, TextWriter.Null));
        File.Delete(existing);
    }

    private static string Minute(int i) => DateTimeOffset.Parse("2013-01-18T00:00:00+01:00").AddMinutes(i).ToString("O");

    private static object Shape(Dashboard.Situation.SituationSnapshot situation) =>
        string.Join("|", situation.Tallies.Select(t => $"{t.Key}={t.Count}:{string.Join(",", t.Alternatives.Select(a => a.Count))}"));

    [SqliteFact]
    public async Task A_backup_taken_while_writes_continue_restores_to_the_same_tallies()
    {
        var backup = Path.Combine(Path.GetTempPath(), $"dashboard-backup-{Guid.NewGuid():N}.db");
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await app.Situation.SubmitAsync(incident, [Reports.Figures(Minute(i), Reports.Press, Reports.HostagesKilled(i))]);
        });
        // Taken once writes are under way (some stored, more coming), whatever the machine's speed.
        Assert.True(await Dashboard.Tests.Instances.SharedDatabase.EventuallyAsync(async () => await app.Situation.CountReportsAsync(incident.Slug) >= 3,
            TimeSpan.FromSeconds(30)), "No write was stored");

        await Dashboard.Data.Sqlite.SqliteBackup.BackupAsync(app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), backup);
        stop.Cancel();
        await writes;

        using var restored = new DashboardFactory { DatabasePath = backup };
        var stored = await restored.Situation.CountReportsAsync(incident.Slug);
        Assert.InRange(stored, 1, await app.Situation.CountReportsAsync(incident.Slug));
        // Report i is reported i minutes on, so the backup's n reports are exactly what the live app knew as of the
        // n-th one's moment: a consistent cut, not a torn one.
        var restoredLive = (await restored.Situation.GetSituationAsync(incident.Slug))!;
        var liveThen = (await app.Situation.GetSituationAsync(incident.Slug, DateTimeOffset.Parse(Minute(stored - 1))))!;
        Assert.Equal(stored - 1, Assert.Single(restoredLive.Tallies).Count);
        Assert.Equal(Shape(liveThen), Shape(restoredLive));
        await using var check = restored.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
        Assert.Equal("ok", (await check.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Single());
        Assert.Equal(stored, await check.Reports.CountAsync(r => r.Incident!.Slug == incident.Slug));
    }
}
