using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>Every write leaves a record of who, when, what and from where; a refused write leaves none.</summary>
public class AuditTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app;

    public AuditTests(DashboardFactory app) => _app = app;

    [Fact]
    public async Task Writes_through_the_api_are_recorded_with_the_key_that_made_them()
    {
        var writer = _app.CreateWriter();
        writer.DefaultRequestHeaders.Add(DashboardFactory.AddressHeader, "203.0.113.9");
        var slug = $"audited-{Guid.NewGuid():N}"[..20];
        await writer.PostJsonAsync("/api/incidents", new JsonObject { ["slug"] = slug, ["name"] = "Audited", ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:30:00+01:00" });
        await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport($"{slug}-r1"));
        await writer.PostJsonAsync($"/api/incidents/{slug}/reports/{slug}-r1/retract", new JsonObject { ["reason"] = "Withdrawn by the agency." });

        var trail = (await _app.Situation.GetAuditAsync()).Where(e => e.Incident == slug).Reverse().ToArray();

        Assert.Equal(["create incident", "report", "retract"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal("Ingest API key #1", e.Actor));
        Assert.All(trail, e => Assert.Equal("203.0.113.9", e.Address));
        Assert.Contains($"{slug}-r1", trail[1].Detail);
        Assert.Contains("Withdrawn by the agency.", trail[2].Detail);
        Assert.True(trail[0].At <= trail[1].At && trail[1].At <= trail[2].At);
    }

    [Fact]
    public async Task A_refused_or_repeated_write_leaves_no_record()
    {
        var incident = await _app.CreateIncidentAsync();
        var writer = _app.CreateWriter();
        var before = (await _app.Situation.GetAuditAsync(1000)).Count(e => e.Incident == incident.Slug);
        var bad = ApiClient.ValidReport();
        bad["figures"]![0]!["count"] = -1;

        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", bad)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport($"{incident.Slug}-once"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport($"{incident.Slug}-once"))).StatusCode);

        Assert.Equal(before + 1, (await _app.Situation.GetAuditAsync(1000)).Count(e => e.Incident == incident.Slug));
    }

    [Fact]
    public async Task The_bundled_seed_is_recorded_as_the_system()
    {
        var seeded = (await _app.Situation.GetAuditAsync(1000)).Where(e => e.Incident == "in-amenas").ToArray();

        Assert.Contains(seeded, e => e.Action == "seed" && e.Actor.StartsWith("system"));
        Assert.Contains(seeded, e => e.Action == "create incident");
    }
}
