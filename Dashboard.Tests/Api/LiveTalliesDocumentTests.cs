using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>The live tallies document, the one pollers ask for again and again: made once per change, with an ETag.</summary>
[Collection(SharedAppCollection.Name)]
public class LiveTalliesDocumentTests(DashboardFactory app)
{
    private async Task<string> IncidentWithAReportAsync()
    {
        var incident = await app.CreateIncidentAsync();
        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport(count: 5))).EnsureSuccessStatusCode();
        return incident.Slug;
    }

    private static HttpRequestMessage Get(string url, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        return request;
    }

    [Fact]
    public async Task A_poller_that_has_the_live_document_is_answered_304_until_the_next_write_changes_it()
    {
        var slug = await IncidentWithAReportAsync();
        var client = app.CreateClient();

        var first = await client.SendAsync(Get($"/api/incidents/{slug}/tallies"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.ToString();
        var again = await client.SendAsync(Get($"/api/incidents/{slug}/tallies", etag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        // A proxy that compresses the body weakens the tag; the client's weak copy still matches.
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(Get($"/api/incidents/{slug}/tallies", "W/" + etag))).StatusCode);

        var report = ApiClient.ValidReport(count: 9);
        report["reportedAt"] = "2013-01-19T20:00:00+01:00";
        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", report)).EnsureSuccessStatusCode();

        var changed = await client.SendAsync(Get($"/api/incidents/{slug}/tallies", etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
        var killed = (await changed.JsonAsync())["tallies"]!.AsArray().Single(t => (string?)t!["status"] == "killed")!;
        Assert.Equal(9, (int)killed["count"]!);
    }

    [Fact]
    public async Task The_kept_live_document_says_exactly_what_the_same_moment_worked_out_afresh_says()
    {
        var slug = await IncidentWithAReportAsync();
        foreach (var client in new[] { app.CreateClient(), app.CreateWriter() })
        {
            var kept = (JsonObject)(await (await client.GetAsync($"/api/incidents/{slug}/tallies")).JsonAsync());
            var workedOut = (JsonObject)(await (await client.GetAsync($"/api/incidents/{slug}/tallies?asOf=2030-01-01T00:00:00Z")).JsonAsync());

            Assert.Equal(workedOut["tallies"]!.ToJsonString(), kept["tallies"]!.ToJsonString());
            Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse((string)kept["asOf"]!) < TimeSpan.FromMinutes(1));
            Assert.Equal(["asOf", "tallies"], kept.Select(p => p.Key));
        }
    }

    [Fact]
    public async Task Analysts_and_everyone_else_get_different_documents_and_only_analysts_read_the_statements()
    {
        var slug = await IncidentWithAReportAsync();

        var analyst = await app.CreateWriter().GetAsync($"/api/incidents/{slug}/tallies");
        var everyone = await app.CreateClient().GetAsync($"/api/incidents/{slug}/tallies");

        Assert.NotEqual(analyst.Headers.ETag!.ToString(), everyone.Headers.ETag!.ToString());
        Assert.NotNull((await analyst.JsonAsync())["tallies"]![0]!["statement"]);
        Assert.Null((await everyone.JsonAsync())["tallies"]![0]!["statement"]);
        // The analyst's tag is not a shortcut to the public document, nor the other way round.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(Get($"/api/incidents/{slug}/tallies", analyst.Headers.ETag!.ToString()))).StatusCode);
    }

    private static HttpRequestMessage GetGzipped(string url, string? ifNoneMatch = null, string acceptEncoding = "gzip, deflate, br")
    {
        var request = Get(url, ifNoneMatch);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return request;
    }

    private static async Task<JsonObject> GunzipJsonAsync(HttpResponseMessage response)
    {
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        return (JsonObject)(await JsonNode.ParseAsync(gzip))!;
    }

    [Fact]
    public async Task A_client_that_takes_gzip_gets_the_same_document_gzipped_under_a_tag_of_its_own()
    {
        var slug = await IncidentWithAReportAsync();
        var writer = app.CreateWriter();

        var plain = await writer.SendAsync(Get($"/api/incidents/{slug}/tallies"));
        var gzipped = await writer.SendAsync(GetGzipped($"/api/incidents/{slug}/tallies"));

        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", gzipped.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var (plainBytes, gzippedBytes) = (await plain.Content.ReadAsByteArrayAsync(), await gzipped.Content.ReadAsByteArrayAsync());
        Assert.Equal(gzippedBytes.Length, gzipped.Content.Headers.ContentLength);
        Assert.True(gzippedBytes.Length < plainBytes.Length);
        var (read, expected) = (await GunzipJsonAsync(gzipped), (JsonObject)(await plain.JsonAsync()));
        Assert.Equal(expected["tallies"]!.ToJsonString(), read["tallies"]!.ToJsonString());
        Assert.Equal(["asOf", "tallies"], read.Select(p => p.Key));
        Assert.NotNull(read["tallies"]![0]!["statement"]); // the writer's document, not the public one

        // Another representation, another tag; either tag of this version is current.
        var (plainTag, gzippedTag) = (plain.Headers.ETag!.ToString(), gzipped.Headers.ETag!.ToString());
        Assert.NotEqual(plainTag, gzippedTag);
        Assert.Equal(HttpStatusCode.NotModified, (await writer.SendAsync(GetGzipped($"/api/incidents/{slug}/tallies", gzippedTag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await writer.SendAsync(GetGzipped($"/api/incidents/{slug}/tallies", plainTag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await writer.SendAsync(Get($"/api/incidents/{slug}/tallies", "W/" + gzippedTag))).StatusCode);
        // …but never the other audience's document.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(GetGzipped($"/api/incidents/{slug}/tallies", gzippedTag))).StatusCode);
    }

    [Theory]
    [InlineData("gzip;q=0")]
    [InlineData("br")]
    [InlineData("identity")]
    [InlineData("*;q=0")]
    public async Task A_client_that_does_not_take_gzip_gets_the_document_as_it_is(string acceptEncoding)
    {
        var slug = await IncidentWithAReportAsync();

        var answer = await app.CreateClient().SendAsync(GetGzipped($"/api/incidents/{slug}/tallies", acceptEncoding: acceptEncoding));

        Assert.Empty(answer.Content.Headers.ContentEncoding);
        Assert.NotNull((await answer.JsonAsync())["tallies"]);
    }

    [Fact]
    public async Task Answers_for_a_moment_or_for_nationalities_are_worked_out_each_time_and_carry_no_tag()
    {
        var slug = await IncidentWithAReportAsync();

        var past = await app.CreateClient().GetAsync($"/api/incidents/{slug}/tallies?asOf=2013-01-18T23:00:00%2B01:00");
        var narrowed = await app.CreateClient().GetAsync($"/api/incidents/{slug}/tallies?country=GB");

        Assert.Null(past.Headers.ETag);
        Assert.Null(narrowed.Headers.ETag);
    }
}
