using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Hardening;

/// <summary>What the outside probe slipped through the write rules, and the CSV export's formulas.</summary>
[Collection(SharedAppCollection.Name)]
public class InputRulesTests(DashboardFactory app)
{
    private async Task<(string Slug, HttpClient Writer)> NewIncidentAsync() => ((await app.CreateIncidentAsync()).Slug, app.CreateWriter());

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1900-01-16T06:00:00+01:00")]
    [InlineData("2012-11-01T00:00:00Z")]
    public async Task A_report_or_event_dated_long_before_the_incident_began_is_refused(string when)
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport();
        report["reportedAt"] = when;
        var withEvent = ApiClient.ValidReport();
        withEvent["event"] = new JsonObject { ["at"] = when, ["title"] = "Something happened" };

        Assert.Equal(["reportedAt"], await (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).ErrorFieldsAsync());
        Assert.Equal(["event.at"], await (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", withEvent)).ErrorFieldsAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task A_report_a_few_days_before_the_incident_about_what_led_up_to_it_is_taken()
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport();
        report["reportedAt"] = "2013-01-10T12:00:00+01:00";

        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).StatusCode);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1850-01-01T00:00:00Z")]
    [InlineData("2999-01-01T00:00:00Z")]
    public async Task An_incident_must_have_started_at_a_plausible_moment(string startedAt)
    {
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents", new JsonObject
        {
            ["slug"] = $"odd-start-{startedAt[..4]}", ["name"] = "Odd start", ["hostCountry"] = "DZ", ["startedAt"] = startedAt,
        });

        Assert.Equal(["startedAt"], await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("source", "name", "Press\u0000agency")]
    [InlineData("source", "name", "Press \u202Eycnega")]
    [InlineData("source", "name", "Press \u2066agency\u2069")]
    [InlineData("event", "title", "Siege \u202Bends")]
    public async Task NUL_and_bidirectional_controls_are_refused_in_single_line_fields(string parent, string field, string value)
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport();
        if (parent == "event")
            report["event"] = new JsonObject { ["at"] = "2013-01-18T12:00:00+01:00", ["title"] = value };
        else
            report[parent]![field] = value;

        Assert.Equal([$"{parent}.{field}"], await (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_field_given_twice_in_one_json_object_is_refused()
    {
        var (slug, writer) = await NewIncidentAsync();
        var json = ApiClient.ValidReport().ToJsonString().Replace("\"statement\":", "\"statement\":\"First.\",\"statement\":");

        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than once", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task A_csv_column_the_import_does_not_know_is_refused_by_name()
    {
        var (slug, writer) = await NewIncidentAsync();
        var csv = "reportedAt,sourceName,sourceKind,statement,group,status,scope,count,qualifier,comment\n" +
                  "2013-01-18T12:00:00+01:00,Press agency,media,Five dead.,hostages,killed,all,5,exact,checked twice\n";

        var response = await writer.PostAsync($"/api/incidents/{slug}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(["line 1, column comment"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task An_import_holding_one_id_twice_with_different_content_names_both_and_imports_nothing()
    {
        var (slug, writer) = await NewIncidentAsync();
        var second = ApiClient.ValidReport("twice", count: 6);
        var file = new JsonArray(ApiClient.ValidReport("twice"), ApiClient.ValidReport("other"), second);

        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/import", file);

        Assert.Equal(["reports[2].id"], await response.ErrorFieldsAsync());
        Assert.Contains("reports[0].id", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(slug));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"click\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("'quoted already")]
    public async Task The_csv_export_never_hands_a_spreadsheet_a_formula_and_its_import_gives_the_text_back(string text)
    {
        var (slug, writer) = await NewIncidentAsync();
        var id = $"formula-{Guid.NewGuid():N}";
        var report = ApiClient.ValidReport(id);
        report["statement"] = text;
        report["source"]!["name"] = text;
        report["figures"]![0]!["organisation"] = text;
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).StatusCode);

        var csv = await writer.GetStringAsync($"/api/incidents/{slug}/export?format=csv");
        var cells = csv.Split('\n')[1];
        var (copy, copyWriter) = await NewIncidentAsync();
        // Report ids are unique across incidents: the copy's report gets its own.
        var imported = await copyWriter.PostAsync($"/api/incidents/{copy}/import", new StringContent(csv.Replace(id, id + "-copy"), Encoding.UTF8, "text/csv"));

        Assert.DoesNotMatch("(^|,)\"?[=+\\-@]", cells[cells.IndexOf(",", StringComparison.Ordinal)..]);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var back = (await app.Situation.GetHistoryAsync(copy))!.Single().Report;
        Assert.Equal((text, text, text), (back.Statement, back.Source.Name, back.Figures[0].Organisation));
    }

    [Fact]
    public async Task An_import_of_more_reports_than_one_chunk_is_stored_whole_and_shows_at_once()
    {
        var (slug, writer) = await NewIncidentAsync();
        var file = new JsonArray(Enumerable.Range(0, 1203).Select(i =>
        {
            var report = ApiClient.ValidReport($"{slug}-bulk-{i}", count: i);
            report["reportedAt"] = DateTimeOffset.Parse("2013-01-17T00:00:00+01:00").AddMinutes(i).ToString("O");
            return (JsonNode)report;
        }).ToArray());

        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/import", file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1203, (int)(await response.JsonAsync())["created"]!);
        Assert.Equal(1203, await app.Situation.CountReportsAsync(slug));
        Assert.Equal(1202, (int)Assert.Single(await app.CreateClient().TalliesAsync(slug))!["count"]!);
    }

    [Fact]
    public async Task The_csv_export_says_which_figure_counts_names_its_moment_and_can_carry_retractions_that_import_leaves_out()
    {
        var (slug, writer) = await NewIncidentAsync();
        var early = ApiClient.ValidReport($"{slug}-early", count: 12);
        early["reportedAt"] = "2013-01-18T18:00:00+01:00";
        var claim = ApiClient.ValidReport($"{slug}-claim", count: 35);
        claim["reportedAt"] = "2013-01-18T19:00:00+01:00";
        claim["source"] = new JsonObject { ["name"] = "The kidnappers", ["kind"] = "perpetrator" };
        var late = ApiClient.ValidReport($"{slug}-late", count: 23);
        late["reportedAt"] = "2013-01-19T20:00:00+01:00";
        var wrong = ApiClient.ValidReport($"{slug}-wrong", count: 40);
        wrong["reportedAt"] = "2013-01-19T21:00:00+01:00";
        foreach (var report in new[] { early, claim, late, wrong })
            Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).StatusCode);
        await writer.PostJsonAsync($"/api/incidents/{slug}/reports/{slug}-wrong/retract", new JsonObject { ["reason"] = "Double-counted." });

        var response = await writer.GetAsync($"/api/incidents/{slug}/export?format=csv&asOf={Uri.EscapeDataString("2013-01-20T12:00:00+01:00")}&country=GB,JP");
        var plain = await writer.GetStringAsync($"/api/incidents/{slug}/export?format=csv");

        Assert.Equal($"{slug}_2013-01-20T1200+0100_GB-JP.csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var full = await writer.GetStringAsync($"/api/incidents/{slug}/export?format=csv&retractions=true");
        var column = Array.IndexOf(full.Split('\n')[0].Trim().Split(','), "standing");
        var standing = full.Trim().Split('\n').Skip(1).ToDictionary(r => r.Split(',')[0], r => r.Split(',')[column].Trim());
        Assert.Equal("earlier", standing[$"{slug}-early"]);
        Assert.Equal("claim", standing[$"{slug}-claim"]);
        Assert.Equal("headline", standing[$"{slug}-late"]);
        Assert.Equal("retracted", standing[$"{slug}-wrong"]);
        Assert.Contains("Double-counted.", full);
        Assert.DoesNotContain($"{slug}-wrong", plain);

        var (copy, copyWriter) = await NewIncidentAsync();
        var imported = await copyWriter.PostAsync($"/api/incidents/{copy}/import", new StringContent(full.Replace(slug, copy), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(3, await app.Situation.CountReportsAsync(copy));
        Assert.Equal(23, (int)Assert.Single(await app.CreateClient().TalliesAsync(copy))!["count"]!);
    }
}
