using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Data;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>Every change screens show goes through one journal into the change log, in commit order, with its audit entry.</summary>
public class ChangeLogTests
{
    private static async Task<List<ChangeEntity>> ChangesAsync(DashboardFactory app, string slug)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Changes.AsNoTracking().Where(c => c.Incident!.Slug == slug).OrderBy(c => c.Sequence).ToListAsync();
    }

    [Fact]
    public async Task Creating_an_incident_storing_a_report_and_retracting_it_are_three_changes_in_commit_order_each_audited()
    {
        using var app = new DashboardFactory();
        using var client = app.CreateWriter();
        var created = await client.PostJsonAsync("/api/incidents", new JsonObject
        {
            ["slug"] = "log-order", ["name"] = "Log order", ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:00:00+01:00",
        });
        var stored = await client.PostJsonAsync("/api/incidents/log-order/reports", ApiClient.ValidReport("log-1"));
        var retracted = await client.PostJsonAsync("/api/incidents/log-order/reports/log-1/retract", new JsonObject { ["reason"] = "Wrong." });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK], [created.StatusCode, stored.StatusCode, retracted.StatusCode]);
        var changes = await ChangesAsync(app, "log-order");
        Assert.Equal([ChangeKind.IncidentCreated, ChangeKind.ReportStored, ChangeKind.ReportRetracted], changes.Select(c => c.Kind));
        Assert.Equal(changes.Select(c => c.Sequence).Order(), changes.Select(c => c.Sequence));
        Assert.Equal(changes[1].ReportSequence, changes[2].ReportSequence);
        var audit = await app.Situation.GetAuditAsync(new Situation.AuditFilter(null, null, "log-order"));
        Assert.Equal(["create incident", "report", "retract"], audit.Select(a => a.Action).Reverse());
    }

    [Fact]
    public async Task Incidents_created_while_others_are_listed_are_each_found_at_once()
    {
        using var app = new DashboardFactory();
        using var client = app.CreateWriter();
        using var stop = new CancellationTokenSource();
        var listing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await app.Situation.GetIncidentsAsync();
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var slug = $"crowd-{i}";
            var created = await client.PostJsonAsync("/api/incidents", new JsonObject
            {
                ["slug"] = slug, ["name"] = $"Crowd {i}", ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:00:00+01:00",
            });
            var found = await client.GetAsync($"/api/incidents/{slug}");
            return (created.StatusCode, found.StatusCode);
        }));
        stop.Cancel();
        await listing;

        Assert.All(results, r => Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), r));
        Assert.Equal(21, (await app.Situation.GetIncidentsAsync()).Count); // with the seeded incident
    }

    private static async Task<string> LiveTalliesAsync(DashboardFactory app) =>
        JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/incidents/in-amenas/tallies"))!["tallies"]!.ToJsonString();

    [SqliteFact]
    public async Task A_database_from_before_the_change_log_gets_its_log_and_shows_the_same_situation()
    {
        string path;
        string before;
        using (var old = new DashboardFactory { KeepDatabase = true })
        {
            path = old.DatabasePath;
            var incident = (await old.Situation.FindIncidentAsync("in-amenas"))!;
            var history = (await old.Situation.GetHistoryAsync("in-amenas"))!;
            await old.Situation.RetractAsync(incident, history[0].Report.Id, "Test retraction.", Situation.Actor.Seed);
            before = await LiveTalliesAsync(old);
            // As the database stood before the change log: back to the migration before it, the reports kept.
            await using var db = await old.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261125172028_AddAccountsAndCredentials");
            Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE name = 'Changes'").ToListAsync());
        }

        using var upgraded = new DashboardFactory { DatabasePath = path };
        var after = await LiveTalliesAsync(upgraded);

        Assert.Equal(before, after);
        var changes = await ChangesAsync(upgraded, "in-amenas");
        Assert.Equal(ChangeKind.IncidentCreated, changes[0].Kind);
        Assert.Equal(ChangeKind.ReportRetracted, changes[^1].Kind);
        Assert.Equal(await upgraded.Situation.CountReportsAsync("in-amenas"), changes.Count(c => c.Kind == ChangeKind.ReportStored));
    }

    [SqliteFact]
    public async Task A_database_made_by_the_first_migration_with_reports_in_it_upgrades_to_the_same_tallies()
    {
        string path;
        string before;
        using (var first = new DashboardFactory { KeepDatabase = true })
        {
            path = first.DatabasePath;
            before = await LiveTalliesAsync(first);
            // Back to the schema of the first release, its reports kept: as a database made by it would be.
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261125150604_InitialSituation");
            Assert.Equal(["Incidents", "Reports"],
                (await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'").ToListAsync()).Order());
        }

        using var upgraded = new DashboardFactory { DatabasePath = path };

        Assert.Equal(before, await LiveTalliesAsync(upgraded));
        Assert.NotEmpty(await ChangesAsync(upgraded, "in-amenas"));
    }
}
