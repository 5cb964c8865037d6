using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>
/// Grading sources (Admiralty A–F, per source of an incident, audited) and reports (credibility 1–6): shown beside
/// every figure as "B2", carried through files, refused when out of the scale, and never deciding the headline.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class SourceGradingTests(DashboardFactory app)
{
    private static JsonObject Report(string id, string at, string source, int count, int? credibility = null)
    {
        var report = ApiClient.ValidReport(id, count);
        report["reportedAt"] = at;
        report["source"] = new JsonObject { ["name"] = source, ["kind"] = "media" };
        if (credibility is not null)
            report["credibility"] = credibility;
        return report;
    }

    // Two sources on one key: the later one's 23 is the headline, the earlier one's 12 beside it.
    private async Task<Incident> IncidentWithTwoSourcesAsync()
    {
        var incident = await app.CreateIncidentAsync();
        var writer = app.CreateWriter();
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports",
            Report($"{incident.Slug}-early", "2013-01-18T18:00:00+01:00", "Press agency", 12, credibility: 3))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports",
            Report($"{incident.Slug}-late", "2013-01-19T20:00:00+01:00", "Interior ministry", 23, credibility: 2))).StatusCode);
        return incident;
    }

    private Task<HttpResponseMessage> GradeAsync(string slug, string source, string? reliability) =>
        app.CreateWriter().PutAsJsonAsync($"/api/incidents/{slug}/sources/grade", new JsonObject { ["source"] = source, ["reliability"] = reliability });

    [Fact]
    public async Task A_graded_source_and_a_reports_credibility_read_as_B2_beside_the_figure_and_beside_the_alternative()
    {
        var incident = await IncidentWithTwoSourcesAsync();

        var graded = await GradeAsync(incident.Slug, "interior MINISTRY", "B");

        Assert.Equal(HttpStatusCode.OK, graded.StatusCode);
        var source = await graded.JsonAsync();
        Assert.Equal(("Interior ministry", "B", "usually reliable", "Ingest API key #1"),
            ((string?)source["name"], (string?)source["reliability"], (string?)source["reliabilityWords"], (string?)source["gradedBy"]));
        var tally = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug))!;
        Assert.Equal((23, "B", 2, "B2"), ((int)tally["count"]!, (string?)tally["reliability"], (int?)tally["credibility"], (string?)tally["grade"]));
        var earlier = Assert.Single(tally["alternatives"]!.AsArray())!;
        Assert.Equal((12, "–3"), ((int)earlier["count"]!, (string?)earlier["grade"]));
        var past = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug, "?asOf=2013-01-19T21:00:00%2B01:00"))!;
        Assert.Equal("B2", (string?)past["grade"]); // a grade is the present view of the source, at every moment
    }

    [Fact]
    public async Task A_figure_nobody_graded_carries_no_grade_in_the_api()
    {
        var tallies = await app.CreateClient().TalliesAsync("in-amenas");

        Assert.NotEmpty(tallies);
        Assert.All(tallies, t => Assert.False(t!.AsObject().ContainsKey("grade") || t.AsObject().ContainsKey("reliability") || t.AsObject().ContainsKey("credibility")));
        Assert.NotEmpty(tallies.SelectMany(t => t!["alternatives"]!.AsArray()));
        Assert.All(tallies.SelectMany(t => t!["alternatives"]!.AsArray()), a => Assert.False(a!.AsObject().ContainsKey("grade")));
    }

    [Fact]
    public async Task Changing_and_taking_back_a_grade_is_audited_each_time_with_what_it_was()
    {
        var incident = await IncidentWithTwoSourcesAsync();

        await GradeAsync(incident.Slug, "Press agency", "B");
        await GradeAsync(incident.Slug, "Press agency", "E");
        await GradeAsync(incident.Slug, "Press agency", null);
        var again = await GradeAsync(incident.Slug, "Press agency", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var trail = (await app.Situation.GetAuditAsync(1000)).Where(e => e.Incident == incident.Slug && e.Action == "grade source").Reverse().Select(e => e.Detail).ToArray();
        Assert.Equal([
            "Graded source 'Press agency' B (usually reliable), was ungraded.",
            "Graded source 'Press agency' E (unreliable), was B (usually reliable).",
            "Graded source 'Press agency' ungraded, was E (unreliable).",
        ], trail);
        var sources = await app.CreateClient().GetFromJsonAsync<JsonArray>($"/api/incidents/{incident.Slug}/sources");
        Assert.NotEmpty(sources!);
        Assert.All(sources!, s => Assert.Null((string?)s!["reliability"]));
    }

    [Fact]
    public async Task Grading_informs_the_reader_and_never_picks_the_number()
    {
        var incident = await IncidentWithTwoSourcesAsync();

        await GradeAsync(incident.Slug, "Interior ministry", "E");
        await GradeAsync(incident.Slug, "Press agency", "A");

        var tally = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug))!;
        Assert.Equal((23, "E2"), ((int)tally["count"]!, (string?)tally["grade"]));
        Assert.Equal("A3", (string?)tally["alternatives"]![0]!["grade"]);
    }

    [Theory]
    [InlineData("G")]
    [InlineData("b")]
    [InlineData("AB")]
    public async Task A_reliability_off_the_scale_is_a_400_naming_it_and_changes_nothing(string reliability)
    {
        var incident = await IncidentWithTwoSourcesAsync();

        var response = await GradeAsync(incident.Slug, "Press agency", reliability);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["reliability"], await response.ErrorFieldsAsync());
        Assert.DoesNotContain((await app.Situation.GetAuditAsync(1000)), e => e.Incident == incident.Slug && e.Action == "grade source");
    }

    [Fact]
    public async Task A_source_that_never_reported_on_the_incident_is_a_400_naming_the_source()
    {
        var incident = await IncidentWithTwoSourcesAsync();

        var response = await GradeAsync(incident.Slug, "Somebody else", "A");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["source"], await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("2.5")]
    public async Task A_credibility_off_the_scale_is_a_400_naming_it_and_stores_nothing(string credibility)
    {
        var incident = await app.CreateIncidentAsync();
        var report = ApiClient.ValidReport($"{incident.Slug}-r").ToJsonString().TrimEnd('}') + $",\"credibility\":{credibility}}}";

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["credibility"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(incident.Slug));
    }

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("json", "application/json")]
    public async Task Credibility_goes_out_in_an_export_and_comes_back_in_an_import(string format, string contentType)
    {
        var incident = await IncidentWithTwoSourcesAsync();
        var copy = await app.CreateIncidentAsync();

        var file = await app.CreateWriter().GetStringAsync($"/api/incidents/{incident.Slug}/export?format={format}");
        var imported = await app.CreateWriter().PostAsync($"/api/incidents/{copy.Slug}/import", new StringContent(file.Replace($"{incident.Slug}-", $"{copy.Slug}-"), Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var tally = Assert.Single(await app.CreateClient().TalliesAsync(copy.Slug))!;
        Assert.Equal((2, 3), ((int?)tally["credibility"]!, (int?)tally["alternatives"]![0]!["credibility"]));
        if (format == "csv")
            Assert.Contains(",qualifier,credibility,low,high", file.Split('\n')[0]);
    }

    [Fact]
    public async Task A_csv_credibility_off_the_scale_imports_nothing_and_names_its_line_and_column()
    {
        var incident = await app.CreateIncidentAsync();
        var csv = """
            reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier,credibility
            r1,2013-01-18T18:00:00+01:00,Press,media,Twelve dead.,hostages,killed,all,,12,provisional,2
            r2,2013-01-18T19:00:00+01:00,Press,media,Thirteen dead.,hostages,killed,all,,13,provisional,7
            r3,2013-01-18T20:00:00+01:00,Press,media,Fourteen dead.,hostages,killed,all,,14,provisional,two
            """.Replace("r1,", $"{incident.Slug}-1,").Replace("r2,", $"{incident.Slug}-2,").Replace("r3,", $"{incident.Slug}-3,");

        var response = await app.CreateWriter().PostAsync($"/api/incidents/{incident.Slug}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = await response.ErrorFieldsAsync();
        Assert.Contains("line 4, column credibility", fields);
        Assert.Equal(0, await app.Situation.CountReportsAsync(incident.Slug));
    }
}
