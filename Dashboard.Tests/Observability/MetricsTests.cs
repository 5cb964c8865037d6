using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Access;
using Dashboard.Components.Wall;
using Dashboard.Tests.Api;
using Dashboard.Tests.Components;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Observability;

/// <summary>
/// What an operator's scraper reads at /metrics after real work: the app's own instruments with exact counts for the
/// incident worked on (other tests' apps share this process's meters, so counts are read for this incident only), and
/// the framework's meters beside them.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class MetricsTests(DashboardFactory app) : SituationPageContext(app)
{
    private async Task<string> ScrapeAsync() => await App.CreateWriter().GetStringAsync("/metrics");

    private static double? Value(string metrics, string name, params string[] labels) => PrometheusText.Value(metrics, name, labels);

    [Fact]
    public async Task Writes_a_retraction_imports_and_an_open_wall_show_in_the_metrics_with_exact_counts()
    {
        var slug = (await App.CreateIncidentAsync()).Slug;
        var of = $"incident=\"{slug}\"";
        var writer = App.CreateWriter();
        foreach (var id in new[] { "m1", "m2", "m1" }) // the third is a retry: stored once
            (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport($"{slug}-{id}"))).EnsureSuccessStatusCode();
        (await writer.PostJsonAsync($"/api/incidents/{slug}/reports/{slug}-m2/retract", new JsonObject { ["reason"] = "Wrong." })).EnsureSuccessStatusCode();
        var csv = $"""
            reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier
            {slug}-c1,2013-01-18T18:00:00+01:00,Ministry,government,Dead.,hostages,killed,all,,12,exact
            {slug}-c2,2013-01-19T18:00:00+01:00,Ministry,government,Dead.,hostages,killed,all,,23,exact
            """;
        (await writer.PostAsync($"/api/incidents/{slug}/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostAsync($"/api/incidents/{slug}/import",
            new StringContent("reportId,reportedAt\nx,yesterday", System.Text.Encoding.UTF8, "text/csv"))).StatusCode);
        var wall = RenderAt<WallPage>($"/wall/{slug}", p => p.Add(x => x.Slug, slug));

        var metrics = await ScrapeAsync();

        Assert.Equal(2, Value(metrics, "dashboard_reports_committed_total", of, "source_kind=\"media\""));
        Assert.Equal(2, Value(metrics, "dashboard_reports_committed_total", of, "source_kind=\"government\""));
        Assert.Equal(1, Value(metrics, "dashboard_reports_retracted_total", of));
        Assert.Equal(1, Value(metrics, "dashboard_imports_total", of, "outcome=\"stored\""));
        Assert.Equal(1, Value(metrics, "dashboard_imports_total", of, "outcome=\"refused\""));
        Assert.Equal(2, Value(metrics, "dashboard_import_rows_total", of)); // the refused file had no readable row
        Assert.Equal(1, Value(metrics, "dashboard_screens_live", of, "kind=\"wall\""));
        Assert.True(Value(metrics, "dashboard_journal_commit_duration_seconds_count") > 0);
        Assert.True(Value(metrics, "dashboard_journal_commit_size_count") > 0);
        Assert.True(Value(metrics, "dashboard_import_duration_seconds_count") > 0);
        Assert.True(Value(metrics, "dashboard_database_commands_total") > 0);

        wall.Instance.Dispose();
        Assert.Equal(0, Value(await ScrapeAsync(), "dashboard_screens_live", of, "kind=\"wall\""));
    }

    [Fact]
    public async Task Metrics_are_for_admins_and_api_keys_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.SignedInClientAsync(Roles.Viewer)).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.SignedInClientAsync(Roles.Analyst)).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await App.SignedInClientAsync(Roles.Admin)).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.CreateWriter().GetAsync("/metrics")).StatusCode);
        var wrongKey = App.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_can_be_made_public_for_a_scraper_on_a_private_network()
    {
        using var open = new DashboardFactory { Settings = { ["Observability:MetricsPublic"] = "true" } };

        var response = await open.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync());
    }
}
