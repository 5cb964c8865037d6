using Dashboard.Situation.Live;
using System.Net;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>Start-up, configuration and change notification: each test runs its own app.</summary>
public class LifecycleTests
{
    [Fact]
    public async Task With_no_api_keys_configured_nobody_can_write()
    {
        using var app = new DashboardFactory { Settings = { ["Ingest:ApiKeys:0"] = "" } };
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "");

        var response = await client.PostJsonAsync("/api/incidents/in-amenas/reports", ApiClient.ValidReport());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_seed_runs_on_first_start_and_never_again()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-restart-{Guid.NewGuid():N}.db");
        int seeded;
        using (var first = new DashboardFactory { DatabasePath = path, KeepDatabase = true })
        {
            seeded = await first.Situation.CountReportsAsync("in-amenas");
        }
        using var second = new DashboardFactory { DatabasePath = path };

        Assert.True(seeded >= 15);
        Assert.Equal(seeded, await second.Situation.CountReportsAsync("in-amenas"));
        Assert.Single(await second.Situation.GetIncidentsAsync());
    }

    [Fact]
    public async Task A_subscriber_hears_of_a_committed_write_and_stops_hearing_once_disposed()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        var heard = new List<SituationChange>();
        var firstChange = new TaskCompletionSource();
        var subscription = app.Situation.Subscribe(incident.Slug, change => { lock (heard) heard.Add(change); firstChange.TrySetResult(); });
        // A witness that stays: once it has heard of the second write, so would have the one disposed, had it still listened.
        var witnessHeardTwo = new TaskCompletionSource();
        var witnessHeard = 0;
        using var witness = app.Situation.Subscribe(incident.Slug, _ => { if (Interlocked.Increment(ref witnessHeard) == 2) witnessHeardTwo.TrySetResult(); });

        var report = Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3));
        await app.Situation.SubmitAsync(incident, [report]);
        await firstChange.Task.WaitAsync(TimeSpan.FromSeconds(5));
        subscription.Dispose();
        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T13:00:00+01:00", Reports.Press, Reports.HostagesKilled(4))]);
        await witnessHeardTwo.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var change = Assert.Single(heard);
        Assert.Equal([report.Id], change.ReportIds);
        Assert.Equal(1, app.Situation.SubscriberCount(incident.Slug)); // the witness alone
    }

    [Fact]
    public async Task After_a_change_a_hundred_readers_cost_no_database_query()
    {
        // Counting commands: the pictures' periodic read of the log (a lost signal's safety net) and the alerts' work
        // after a change (another instance may make them) must not land in the count.
        using var app = new DashboardFactory { Settings = { ["Live:SweepSeconds"] = "3600", ["Alerts:Enabled"] = "false", ["Alerts:PagePollSeconds"] = "3600" } };
        var incident = await app.CreateIncidentAsync();
        var commands = app.Services.GetRequiredService<DatabaseCommandCounter>();
        await app.Situation.GetSituationAsync(incident.Slug);
        var readers = Enumerable.Range(0, 100).Select(_ => new TaskCompletionSource<SituationSnapshot>()).ToArray();
        var subscriptions = readers.Select(reader => app.Situation.Subscribe(incident.Slug,
            _ => reader.TrySetResult(app.Situation.GetSituationAsync(incident.Slug).GetAwaiter().GetResult()!))).ToArray();

        var before = commands.Executed;
        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]);
        var afterWrite = commands.Executed;
        var seen = await Task.WhenAll(readers.Select(r => r.Task)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(seen, s => Assert.Equal(3, Assert.Single(s.Tallies).Count));
        Assert.True(afterWrite == commands.Executed, $"The hundred readers ran {commands.Executed - afterWrite} database commands after the write's {afterWrite - before}.");
        // The write's own commands (the id check, its source's record, the incident's last change, the report, its
        // change-log row, its audit entry; the first report of a source also makes its record and its name; on PostgreSQL
        // also its turn to write and its word to other instances), whatever the number of readers: the picture takes the
        // commit as it follows on, without reading it back.
        Assert.InRange(afterWrite - before, 1, app.OnPostgres ? 10 : 8);
        foreach (var s in subscriptions) s.Dispose();
    }

    [Fact]
    public async Task A_late_filed_report_takes_its_place_in_time_and_the_as_of_view_follows_it()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(23))]);
        await app.Situation.GetSituationAsync(incident.Slug); // the picture is cached before the late report arrives

        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T18:00:00+01:00", Reports.Press, Reports.HostagesKilled(12, Qualifier.Provisional))]);

        var live = await app.Situation.GetSituationAsync(incident.Slug);
        Assert.Equal(23, Assert.Single(live!.Tallies).Count);
        var friday = await app.Situation.GetSituationAsync(incident.Slug, DateTimeOffset.Parse("2013-01-18T23:00:00+01:00"));
        Assert.Equal(12, Assert.Single(friday!.Tallies).Count);
    }

    [Fact]
    public async Task A_multi_report_submission_is_all_or_nothing()
    {
        using var app = new DashboardFactory();
        var first = await app.CreateIncidentAsync();
        var second = await app.CreateIncidentAsync();
        var taken = Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(1));
        await app.Situation.SubmitAsync(first, [taken]);

        var fresh = Reports.Figures("2013-01-18T13:00:00+01:00", Reports.Press, Reports.HostagesKilled(2));
        await Assert.ThrowsAsync<ReportIdConflictException>(() => app.Situation.SubmitAsync(second, [fresh, taken]));

        Assert.Equal(0, await app.Situation.CountReportsAsync(second.Slug));
        Assert.Null(await app.Situation.FindReportAsync(second.Slug, fresh.Id));
    }

    [Fact]
    public async Task A_retraction_is_still_in_force_after_a_restart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-retract-{Guid.NewGuid():N}.db");
        string slug;
        using (var first = new DashboardFactory { DatabasePath = path, KeepDatabase = true })
        {
            var incident = await first.CreateIncidentAsync();
            slug = incident.Slug;
            var early = Reports.Figures("2013-01-18T18:00:00+01:00", Reports.Press, Reports.HostagesKilled(12));
            var late = Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(25));
            await first.Situation.SubmitAsync(incident, [early, late]);
            await first.Situation.RetractAsync(incident, late.Id, "Withdrawn.", "test");
        }
        using var second = new DashboardFactory { DatabasePath = path };

        var live = await second.Situation.GetSituationAsync(slug);
        Assert.Equal(12, Assert.Single(live!.Tallies).Count);
        var saturday = await second.Situation.GetSituationAsync(slug, DateTimeOffset.Parse("2013-01-19T23:00:00+01:00"));
        Assert.Equal(25, Assert.Single(saturday!.Tallies).Count);
    }
}
