using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>POST /api/incidents/{slug}/reports: what is stored, what is refused, and that a refusal changes nothing.</summary>
[Collection(SharedAppCollection.Name)]
public class ReportWriteTests(DashboardFactory app)
{
    private async Task<(string Slug, HttpClient Writer)> NewIncidentAsync() =>
        ((await app.CreateIncidentAsync()).Slug, app.CreateWriter());

    private async Task AssertNothingStoredAsync(string slug)
    {
        Assert.Equal(0, await app.Situation.CountReportsAsync(slug));
        Assert.Empty(await app.CreateClient().TalliesAsync(slug));
    }

    [Fact]
    public async Task A_valid_report_answers_201_with_the_stored_report_and_counts_at_once()
    {
        var (slug, writer) = await NewIncidentAsync();

        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("first-report", count: 7));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await response.JsonAsync();
        Assert.Equal("first-report", (string?)stored["id"]);
        Assert.Equal("2013-01-18T12:00:00+01:00", (string?)stored["reportedAt"]);
        Assert.Equal("killed", (string?)stored["figures"]![0]!["status"]);
        Assert.Equal($"/api/incidents/{slug}/reports/first-report", response.Headers.Location?.OriginalString);
        var tally = Assert.Single(await app.CreateClient().TalliesAsync(slug));
        Assert.Equal(7, (int)tally!["count"]!);
    }

    [SqliteFact]
    public async Task A_report_that_answered_201_is_in_the_database_file()
    {
        var (slug, writer) = await NewIncidentAsync();
        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("on-disk-report"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Figures FROM Reports WHERE Id = 'on-disk-report'";
        var figures = (string?)await command.ExecuteScalarAsync();
        Assert.Contains("\"Count\":5", figures);
    }

    [Fact]
    public async Task Sending_the_same_report_again_stores_nothing_new_and_another_under_its_id_is_refused()
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport("retried-report");

        var first = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report);
        var retry = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report);
        var retryWithOtherCount = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("retried-report", count: 99));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retryWithOtherCount.StatusCode);
        Assert.Contains("retried-report", (string)(await retryWithOtherCount.JsonAsync())["detail"]!);
        Assert.Equal(1, await app.Situation.CountReportsAsync(slug));
        Assert.Equal(5, (int)Assert.Single(await app.CreateClient().TalliesAsync(slug))!["count"]!);
        Assert.Empty(Assert.Single(await app.CreateClient().TalliesAsync(slug))!["alternatives"]!.AsArray());
    }

    [Fact]
    public async Task Of_twenty_different_reports_raced_under_one_id_one_is_stored_and_the_others_refused()
    {
        var (slug, writer) = await NewIncidentAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
        {
            var report = ApiClient.ValidReport("contested-id");
            report["statement"] = $"Version {i}.";
            return writer.PostJsonAsync($"/api/incidents/{slug}/reports", report);
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_report_store_it_once()
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport("raced-report").ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await app.Situation.CountReportsAsync(slug));
    }

    [Fact]
    public async Task A_report_id_already_used_by_another_incident_is_a_conflict()
    {
        var (first, writer) = await NewIncidentAsync();
        var (second, _) = await NewIncidentAsync();
        await writer.PostJsonAsync($"/api/incidents/{first}/reports", ApiClient.ValidReport("shared-id"));

        var response = await writer.PostJsonAsync($"/api/incidents/{second}/reports", ApiClient.ValidReport("shared-id"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await AssertNothingStoredAsync(second);
    }

    [Fact]
    public async Task A_perpetrators_figure_is_stored_as_a_claim_whatever_its_label()
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport();
        report["source"] = new JsonObject { ["name"] = "The kidnappers", ["kind"] = "perpetrator" };

        var stored = await (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).JsonAsync();

        Assert.Equal("claimed", (string?)stored["figures"]![0]!["qualifier"]);
    }

    [Fact]
    public async Task The_host_countrys_code_is_stored_as_local()
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport();
        report["figures"] = new JsonArray(ApiClient.Figure(status: "freed", scope: "dz", count: 573));

        var stored = await (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).JsonAsync();

        Assert.Equal("local", (string?)stored["figures"]![0]!["scope"]);
        Assert.Equal("local", (string?)Assert.Single(await app.CreateClient().TalliesAsync(slug, "?country=DZ"))!["scope"]);
    }

    public static TheoryData<string, Action<JsonObject>, string[]> BadReports() => new()
    {
        { "negative count", r => r["figures"]![0]!["count"] = -1, ["figures[0].count"] },
        { "missing count", r => r["figures"]![0]!.AsObject().Remove("count"), ["figures[0].count"] },
        { "count as text", r => r["figures"]![0]!["count"] = "twelve", ["figures[0].count"] },
        { "unknown group", r => r["figures"]![0]!["group"] = "civilians", ["figures[0].group"] },
        { "unknown status", r => r["figures"]![0]!["status"] = "dead", ["figures[0].status"] },
        { "unknown qualifier", r => r["figures"]![0]!["qualifier"] = "roughly", ["figures[0].qualifier"] },
        { "missing qualifier", r => r["figures"]![0]!.AsObject().Remove("qualifier"), ["figures[0].qualifier"] },
        { "unknown source kind", r => r["source"]!["kind"] = "blog", ["source.kind"] },
        { "missing source", r => r.Remove("source"), ["source"] },
        { "unknown country scope", r => r["figures"]![0]!["scope"] = "XX", ["figures[0].scope"] },
        { "three-letter country scope", r => r["figures"]![0]!["scope"] = "GBR", ["figures[0].scope"] },
        { "missing reportedAt", r => r.Remove("reportedAt"), ["reportedAt"] },
        { "reportedAt without offset", r => r["reportedAt"] = "2013-01-18T12:00:00", ["reportedAt"] },
        { "reportedAt not a date", r => r["reportedAt"] = "Friday", ["reportedAt"] },
        { "reportedAt in the future", r => r["reportedAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O"), ["reportedAt"] },
        { "missing statement", r => r["statement"] = "  ", ["statement"] },
        { "nothing in it", r => r.Remove("figures"), ["report"] },
        { "unknown field", r => r["figure"] = "x", ["figure"] },
        { "bad event country", r => r["event"] = new JsonObject { ["at"] = "2013-01-18T12:00:00+01:00", ["title"] = "t", ["countries"] = new JsonArray("GB", "ZZ") }, ["event.countries[1]"] },
        { "event without time", r => r["event"] = new JsonObject { ["title"] = "t", ["countries"] = new JsonArray() }, ["event.at"] },
        { "bad nationality", r => r["people"] = new JsonArray(new JsonObject { ["name"] = "A", ["nationality"] = "Britain", ["status"] = "freed" }), ["people[0].nationality"] },
        { "same key twice", r => r["figures"]!.AsArray().Add(ApiClient.Figure(count: 9)), ["figures[1]"] },
        {
            "one bad figure among good ones",
            r => r["figures"] = new JsonArray(ApiClient.Figure(count: 3), ApiClient.Figure(status: "freed", count: -2), ApiClient.Figure(status: "missing", count: 4)),
            ["figures[1].count"]
        },
        {
            "several bad fields at once",
            r => { r["figures"]![0]!["count"] = -1; r["source"]!["kind"] = "blog"; r.Remove("reportedAt"); },
            ["figures[0].count", "reportedAt", "source.kind"]
        },
        {
            "more than 1,000 figures",
            r => r["figures"] = new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode)ApiClient.Figure(scope: "all", count: i)).ToArray()),
            ["figures"]
        },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task A_bad_report_is_refused_with_the_offending_fields_named_and_nothing_written(string _, Action<JsonObject> spoil, string[] fields)
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport();
        spoil(report);

        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields, await response.ErrorFieldsAsync());
        await AssertNothingStoredAsync(slug);
    }

    [Theory]
    [InlineData("{\"reportedAt\": \"2013-01-18T12:00:00+01:00\", ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("null")]
    public async Task Malformed_json_is_refused_with_a_problem_and_nothing_written(string body)
    {
        var (slug, writer) = await NewIncidentAsync();

        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.ErrorFieldsAsync());
        await AssertNothingStoredAsync(slug);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_and_nothing_written()
    {
        var (slug, writer) = await NewIncidentAsync();
        var report = ApiClient.ValidReport();
        report["statement"] = new string('x', 1024 * 1024 + 1);

        var response = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingStoredAsync(slug);
    }

    [Fact]
    public async Task A_report_for_an_unknown_incident_is_404()
    {
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents/no-such-incident/reports", ApiClient.ValidReport());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData(DashboardFactory.ApiKey + "x")]
    public async Task Without_the_right_api_key_a_write_is_401_and_nothing_written(string? key)
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var client = app.CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var response = await client.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStoredAsync(slug);
    }
}
