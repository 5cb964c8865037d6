using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>
/// POST …/reports/{id}/figures/{index}/retract: one wrong figure withdrawn without losing the report's others, through
/// the journal like every change, and said wherever withdrawals are said. And figures with a range ("38 (35–40)").
/// </summary>
[Collection(SharedAppCollection.Name)]
public class FigureCorrectionTests(DashboardFactory app)
{
    private async Task<(Incident Incident, string ReportId)> NorwayAndAllAsync()
    {
        var incident = await app.CreateIncidentAsync();
        var report = ApiClient.ValidReport(id: $"{incident.Slug}-oslo");
        report["figures"] = new JsonArray(ApiClient.Figure(scope: "NO", count: 5), ApiClient.Figure(count: 23));
        var stored = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        return (incident, $"{incident.Slug}-oslo");
    }

    private Task<HttpResponseMessage> WithdrawAsync(string slug, string id, object index, string reason = "Counted twice.") =>
        app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports/{id}/figures/{index}/retract", new JsonObject { ["reason"] = reason });

    [Fact]
    public async Task Withdrawing_one_figure_leaves_the_report_s_others_counting_and_earlier_moments_as_they_were()
    {
        var (incident, id) = await NorwayAndAllAsync();
        var before = DateTimeOffset.UtcNow;

        var withdrawn = await WithdrawAsync(incident.Slug, id, 0);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Counted twice.", (string?)(await withdrawn.JsonAsync())["reason"]);
        var tallies = await app.CreateClient().TalliesAsync(incident.Slug);
        Assert.Equal(("all", 23), ((string?)Assert.Single(tallies)!["scope"], (int)tallies[0]!["count"]!));
        var earlier = await app.CreateClient().TalliesAsync(incident.Slug, $"?asOf={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.Equal(2, earlier.Count);
        var report = await (await app.CreateWriter().GetAsync($"/api/incidents/{incident.Slug}/reports/{id}")).JsonAsync();
        Assert.Equal(0, (int)report["figureRetractions"]![0]!["index"]!);
        Assert.Null(report["retraction"]);
    }

    [Fact]
    public async Task A_figure_withdrawn_twice_is_a_409_an_unknown_figure_or_report_a_404_and_no_reason_a_400_naming_it()
    {
        var (incident, id) = await NorwayAndAllAsync();
        Assert.Equal(HttpStatusCode.OK, (await WithdrawAsync(incident.Slug, id, 1)).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await WithdrawAsync(incident.Slug, id, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await WithdrawAsync(incident.Slug, id, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await WithdrawAsync(incident.Slug, "no-such-report", 0)).StatusCode);
        var noReason = await WithdrawAsync(incident.Slug, id, 0, reason: " ");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(["reason"], await noReason.ErrorFieldsAsync());
        // A figure of a report retracted whole has gone with it.
        var whole = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports/{id}/retract", new JsonObject { ["reason"] = "All wrong." });
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await WithdrawAsync(incident.Slug, id, 0)).StatusCode);
    }

    [Fact]
    public async Task The_changes_since_the_export_and_the_audit_say_which_figure_went()
    {
        var (incident, id) = await NorwayAndAllAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        await WithdrawAsync(incident.Slug, id, 0);

        var changes = await (await app.CreateClient().GetAsync($"/api/incidents/{incident.Slug}/changes?since={Uri.EscapeDataString(since.ToString("O"))}")).JsonAsync();
        var withdrawal = Assert.Single(changes["retractions"]!.AsArray())!;
        Assert.False((bool)withdrawal["wholeReport"]!);
        Assert.Equal("NO", (string?)Assert.Single(withdrawal["figures"]!.AsArray())!["scope"]);
        var norway = changes["headlines"]!.AsArray().Single(h => (string?)h!["scope"] == "NO")!;
        Assert.Equal("5 → none", (string?)norway["says"]);

        var csv = await app.CreateWriter().GetStringAsync($"/api/incidents/{incident.Slug}/export?format=csv&retractions=true");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(rows, r => r.Contains(",NO,") && r.Contains(",retracted,") && r.Contains("Counted twice."));
        Assert.Contains(rows, r => r.Contains(",all,") && r.Contains(",headline"));
        var audit = await app.Situation.GetAuditAsync(new AuditFilter(null, "retract figure", incident.Slug), 5);
        Assert.Contains("Withdrew figure 0", Assert.Single(audit).Detail);
    }

    [Fact]
    public async Task A_range_is_kept_shown_with_its_figure_and_refused_when_it_does_not_hold_the_count()
    {
        var incident = await app.CreateIncidentAsync();
        var report = ApiClient.ValidReport(id: $"{incident.Slug}-range");
        var figure = ApiClient.Figure(count: 38, qualifier: "approximate");
        (figure["low"], figure["high"]) = (35, 40);
        report["figures"] = new JsonArray(figure);
        Assert.Equal(HttpStatusCode.Created, (await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).StatusCode);

        var tally = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug))!;
        Assert.Equal((38, 35, 40), ((int)tally["count"]!, (int)tally["low"]!, (int)tally["high"]!));

        var bad = ApiClient.ValidReport(id: $"{incident.Slug}-bad");
        var outside = ApiClient.Figure(count: 38, qualifier: "approximate");
        (outside["low"], outside["high"]) = (40, 45);
        var exact = ApiClient.Figure(status: "freed", count: 3);
        exact["low"] = 1;
        bad["figures"] = new JsonArray(outside, exact);
        var refused = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["figures[0].low", "figures[1].high", "figures[1].low"], await refused.ErrorFieldsAsync());
    }
}
