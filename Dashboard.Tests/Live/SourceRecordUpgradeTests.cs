using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Data;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>A database from before sources were records upgrades: each name becomes a record, spellings of one name one record.</summary>
public class SourceRecordUpgradeTests
{
    [SqliteFact]
    public async Task Names_from_before_source_records_become_records_with_spellings_of_one_name_merged_and_the_seed_unchanged()
    {
        string path, seeded;
        using (var before = new DashboardFactory { KeepDatabase = true })
        {
            path = before.DatabasePath;
            seeded = (await before.CreateClient().GetStringAsync("/api/incidents/in-amenas/sources"));
            var incident = await before.CreateIncidentAsync("upgrade-sources");
            foreach (var (id, name) in new[] { ("u1", "Press agency"), ("u2", "PRESS  agency"), ("u3", "Interior ministry") })
            {
                var report = ApiClient.ValidReport(id);
                report["source"] = new JsonObject { ["name"] = name, ["kind"] = "media" };
                if (id == "u3")
                    report["figures"] = new JsonArray(ApiClient.Figure(status: "freed", count: 9));
                Assert.Equal(HttpStatusCode.Created, (await before.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).StatusCode);
            }
            // Back to the schema before source records, the reports kept: as a database made then would be.
            await using var db = await before.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261206063930_FigureRangesAndRetractions");
        }

        using var upgraded = new DashboardFactory { DatabasePath = path };

        var sources = (JsonArray)JsonNode.Parse(await upgraded.CreateClient().GetStringAsync("/api/incidents/upgrade-sources/sources"))!;
        Assert.Equal(["Interior ministry", "Press agency"], sources.Select(s => (string?)s!["name"]));
        Assert.Equal(seeded, await upgraded.CreateClient().GetStringAsync("/api/incidents/in-amenas/sources"));
        var tally = (await upgraded.CreateClient().TalliesAsync("upgrade-sources")).Single(t => (string?)t!["status"] == "killed")!;
        Assert.Equal("Press agency", (string?)tally["source"]!["name"]);
    }
}
