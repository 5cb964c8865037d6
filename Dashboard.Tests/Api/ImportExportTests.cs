using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Situation.Ingestion;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>Export the situation and import files of reports: all or nothing, and a round trip gives the same tallies.</summary>
public class ImportExportTests : IClassFixture<DashboardFactory>, IDisposable
{
    private readonly DashboardFactory _source;
    // The app on a database with nothing seeded in it.
    private readonly DashboardFactory _empty = new() { Settings = { ["Seed:Enabled"] = "false" } };

    public ImportExportTests(DashboardFactory source) => _source = source;

    public void Dispose() => _empty.Dispose();

    private async Task<string> EmptyCopyOfInAmenasAsync()
    {
        var response = await _empty.CreateWriter().PostJsonAsync("/api/incidents", new JsonObject
        {
            ["slug"] = "in-amenas", ["name"] = "In Amenas (imported)", ["hostCountry"] = "DZ",
            ["startedAt"] = "2013-01-16T05:30:00+01:00", ["timeZone"] = "Africa/Algiers",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return "in-amenas";
    }

    private static async Task<string> TalliesWithoutMomentAsync(HttpClient client, string slug, string query = "")
    {
        var tallies = await client.TalliesAsync(slug, query);
        return tallies.ToJsonString();
    }

    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("csv", "text/csv")]
    public async Task Exporting_an_incident_and_importing_it_into_an_empty_database_gives_the_same_tallies(string format, string contentType)
    {
        var exported = await _source.CreateWriter().GetAsync($"/api/incidents/in-amenas/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal(contentType, exported.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", exported.Content.Headers.ContentDisposition?.ToString());
        var file = await exported.Content.ReadAsStringAsync();
        Assert.Empty(await _empty.Situation.GetIncidentsAsync());
        var slug = await EmptyCopyOfInAmenasAsync();

        var imported = await _empty.CreateWriter().PostAsync($"/api/incidents/{slug}/import", new StringContent(file, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.True((int)(await imported.JsonAsync())["created"]! > 10);
        foreach (var moment in new[] { "", "?asOf=2013-01-16T23:59:00%2B01:00", "?asOf=2013-01-18T23:00:00%2B01:00" })
            Assert.Equal(await TalliesWithoutMomentAsync(_source.CreateClient(), "in-amenas", moment), await TalliesWithoutMomentAsync(_empty.CreateClient(), slug, moment));
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        var file = await _source.CreateWriter().GetStringAsync("/api/incidents/in-amenas/export?format=json");
        var slug = await EmptyCopyOfInAmenasAsync();
        var writer = _empty.CreateWriter();

        var first = await (await writer.PostAsync($"/api/incidents/{slug}/import", new StringContent(file, Encoding.UTF8, "application/json"))).JsonAsync();
        var again = await (await writer.PostAsync($"/api/incidents/{slug}/import", new StringContent(file, Encoding.UTF8, "application/json"))).JsonAsync();

        Assert.Equal(0, (int)again["created"]!);
        Assert.Equal((int)first["created"]!, (int)again["alreadyStored"]!);
        Assert.Equal((int)first["created"]!, await _empty.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task A_csv_with_bad_rows_imports_nothing_and_names_every_bad_row_by_line_and_column()
    {
        var slug = await EmptyCopyOfInAmenasAsync();
        var csv = """
            reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier
            r1,2013-01-18T18:00:00+01:00,Press,media,Twelve dead.,hostages,killed,all,,12,provisional
            r2,2013-01-19T20:00:00+01:00,Ministry,government,Dead and freed.,hostages,killed,all,,twenty-three,exact
            r2,2013-01-19T20:00:00+01:00,Ministry,government,Dead and freed.,hostages,freed,XX,,107,exact
            r3,2013-01-19T21:00:00,Ministry,blog,Bad time and kind.,hostages,killed,GB,,1,exact
            """;

        var response = await _empty.CreateWriter().PostAsync($"/api/incidents/{slug}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["line 3, column count", "line 4, column scope", "line 5, column reportedAt", "line 5, column sourceKind"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await _empty.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task A_json_file_with_one_bad_report_imports_nothing()
    {
        var slug = await EmptyCopyOfInAmenasAsync();
        var good = ApiClient.ValidReport("good-one");
        var bad = ApiClient.ValidReport("bad-one");
        bad["figures"]![0]!["count"] = -4;

        var response = await _empty.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/import", new JsonArray(good, bad));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["reports[1].figures[0].count"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await _empty.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task The_export_follows_the_moment_and_the_nationality_filter()
    {
        var reports = await _source.CreateWriter().GetFromJsonAsync<ReportSubmission[]>(
            "/api/incidents/in-amenas/export?country=JP&asOf=2013-01-19T23:59:00%2B01:00", ApiClient.Web);

        Assert.NotEmpty(reports!);
        Assert.All(reports!, r => Assert.True(DateTimeOffset.Parse(r.ReportedAt!) <= DateTimeOffset.Parse("2013-01-19T23:59:00+01:00")));
        Assert.All(reports!.SelectMany(r => r.Figures ?? []), f => Assert.Equal("JP", f!.Scope));
        Assert.Contains(reports!.SelectMany(r => r.Figures ?? []), f => f!.Status == "missing" && f.Count == 10);
    }

    [Fact]
    public async Task Importing_needs_the_api_key_and_refuses_a_file_over_fifty_megabytes()
    {
        var slug = await EmptyCopyOfInAmenasAsync();
        var unauthorised = await _empty.CreateClient().PostAsync($"/api/incidents/{slug}/import", new StringContent("[]", Encoding.UTF8, "application/json"));
        var huge = await _empty.CreateWriter().PostAsync($"/api/incidents/{slug}/import",
            new StringContent(new string(' ', 50 * 1024 * 1024 + 1), Encoding.ASCII, "text/csv"));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("50 MB", (string?)(await huge.JsonAsync())["detail"]);
    }
}
