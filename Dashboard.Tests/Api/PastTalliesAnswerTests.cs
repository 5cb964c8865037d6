using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Api;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>
/// Tallies for a past moment are kept once worked out (per moment, nationalities, audience and alternatives) and given
/// again until a change reaches back to that moment; and <c>?alternatives=</c> says how much of the disagreeing figures
/// an answer carries.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class PastTalliesAnswerTests(DashboardFactory app)
{
    private static readonly DateTimeOffset Moment = DateTimeOffset.Parse("2013-01-18T00:00:00+01:00");
    private static readonly string AsOf = Uri.EscapeDataString(Moment.ToString("O"));

    private TalliesAnswers Answers => app.Services.GetRequiredService<TalliesAnswers>();

    private async Task<string> IncidentReportedBeforeAndAfterTheMomentAsync()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        await ReportAsync(slug, "2013-01-17T10:00:00+01:00", 5, "Five hostages are dead.");
        await ReportAsync(slug, "2013-01-19T20:00:00+01:00", 30, "Thirty hostages are dead.");
        return slug;
    }

    private async Task ReportAsync(string slug, string reportedAt, int count, string statement, string scope = "all")
    {
        var report = ApiClient.ValidReport(count: count);
        (report["reportedAt"], report["statement"]) = (reportedAt, statement);
        report["figures"]![0]!["scope"] = scope;
        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", report)).EnsureSuccessStatusCode();
    }

    private static async Task<JsonObject> KilledAtTheMomentAsync(HttpClient client, string slug, string options = "")
    {
        var response = await client.GetAsync($"/api/incidents/{slug}/tallies?asOf={AsOf}{options}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)(await response.JsonAsync())["tallies"]!.AsArray().Single(t => (string?)t!["status"] == "killed" && (string?)t["scope"] == "all")!;
    }

    private async Task<bool> IsKeptAsync(string slug, bool withStatements)
    {
        var version = await app.Situation.GetPastVersionAsync(slug, Moment);
        Assert.NotNull(version);
        return Answers.Find(TalliesAnswers.Question.Of(slug, Moment, CountryFilter.None, withStatements, AlternativesShown.All), version.Value) is not null;
    }

    [Fact]
    public async Task A_kept_past_answer_changes_for_each_audience_when_a_report_dated_before_its_moment_lands()
    {
        var slug = await IncidentReportedBeforeAndAfterTheMomentAsync();
        var (reader, analyst) = (app.CreateClient(), app.CreateWriter());

        var asRead = await KilledAtTheMomentAsync(reader, slug);
        var asAnalysed = await KilledAtTheMomentAsync(analyst, slug);
        // A question asked once is answered and not kept; asked again, its answer is kept.
        Assert.False(await IsKeptAsync(slug, withStatements: false));
        Assert.Equal(asRead.ToJsonString(), (await KilledAtTheMomentAsync(reader, slug)).ToJsonString());
        Assert.Equal(asAnalysed.ToJsonString(), (await KilledAtTheMomentAsync(analyst, slug)).ToJsonString());
        Assert.Equal((5, 5), ((int)asRead["count"]!, (int)asAnalysed["count"]!));
        Assert.False(asRead.ContainsKey("statement"));
        Assert.Equal("Five hostages are dead.", (string?)asAnalysed["statement"]);
        Assert.True(await IsKeptAsync(slug, withStatements: false));
        Assert.True(await IsKeptAsync(slug, withStatements: true));

        // A report dated after the moment changes nothing known about it: both answers stay kept.
        await ReportAsync(slug, "2013-01-19T21:00:00+01:00", 31, "Thirty-one hostages are dead.");
        Assert.True(await IsKeptAsync(slug, withStatements: false));
        Assert.True(await IsKeptAsync(slug, withStatements: true));
        Assert.Equal(5, (int)(await KilledAtTheMomentAsync(reader, slug))["count"]!);

        // One dated before it does: each audience's answer is worked out again and says the new figure.
        await ReportAsync(slug, "2013-01-17T12:00:00+01:00", 7, "Seven hostages are dead.");
        Assert.False(await IsKeptAsync(slug, withStatements: false));
        Assert.False(await IsKeptAsync(slug, withStatements: true));
        Assert.Equal(7, (int)(await KilledAtTheMomentAsync(reader, slug))["count"]!);
        Assert.Equal(7, (int)(await KilledAtTheMomentAsync(reader, slug))["count"]!);
        var analysed = await KilledAtTheMomentAsync(analyst, slug);
        Assert.Equal(analysed.ToJsonString(), (await KilledAtTheMomentAsync(analyst, slug)).ToJsonString());
        Assert.True(await IsKeptAsync(slug, withStatements: true));
        Assert.Equal(7, (int)analysed["count"]!);
        Assert.Equal("Seven hostages are dead.", (string?)analysed["statement"]);
        Assert.Contains(analysed["alternatives"]!.AsArray(), a => (int)a!["count"]! == 5);
    }

    [Fact]
    public async Task A_kept_past_answer_changes_when_a_grade_changes_every_moment()
    {
        var slug = await IncidentReportedBeforeAndAfterTheMomentAsync();
        Assert.False((await KilledAtTheMomentAsync(app.CreateClient(), slug)).ContainsKey("grade"));
        Assert.False((await KilledAtTheMomentAsync(app.CreateClient(), slug)).ContainsKey("grade"));
        Assert.True(await IsKeptAsync(slug, withStatements: false));

        (await app.CreateWriter().PutAsJsonAsync($"/api/incidents/{slug}/sources/grade",
            new JsonObject { ["source"] = "Press agency", ["reliability"] = "B" })).EnsureSuccessStatusCode();

        Assert.False(await IsKeptAsync(slug, withStatements: false));
        Assert.Equal("B", ((string?)(await KilledAtTheMomentAsync(app.CreateClient(), slug))["grade"])?[..1]);
    }

    [Fact]
    public async Task Kept_answers_are_per_nationality_and_per_choice_of_alternatives()
    {
        var slug = await IncidentReportedBeforeAndAfterTheMomentAsync();
        await ReportAsync(slug, "2013-01-17T11:00:00+01:00", 2, "Two Britons are dead.", scope: "GB");
        var reader = app.CreateClient();

        var all = await KilledAtTheMomentAsync(reader, slug);
        var counted = await KilledAtTheMomentAsync(reader, slug, "&alternatives=count");
        var bare = await KilledAtTheMomentAsync(reader, slug, "&alternatives=none");
        var british = (await (await reader.GetAsync($"/api/incidents/{slug}/tallies?asOf={AsOf}&country=GB")).JsonAsync())["tallies"]!.AsArray();

        Assert.Equal(all["alternatives"]!.AsArray().Count, (int)counted["alternativeCount"]!);
        Assert.False(counted.ContainsKey("alternatives"));
        Assert.False(bare.ContainsKey("alternatives") || bare.ContainsKey("alternativeCount"));
        Assert.Equal(all["count"]!.ToJsonString(), bare["count"]!.ToJsonString());
        Assert.Equal(["GB"], british.Select(t => (string?)t!["scope"]).Distinct());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?asOf=2013-01-18T00:00:00Z")]
    [InlineData("?country=GB")]
    public async Task The_choice_of_alternatives_holds_for_live_past_and_narrowed_answers(string query)
    {
        var slug = await IncidentReportedBeforeAndAfterTheMomentAsync();
        var separator = query.Length == 0 ? "?" : "&";
        var reader = app.CreateClient();

        var all = (await (await reader.GetAsync($"/api/incidents/{slug}/tallies{query}")).JsonAsync())["tallies"]!.AsArray();
        var counted = (await (await reader.GetAsync($"/api/incidents/{slug}/tallies{query}{separator}alternatives=count")).JsonAsync())["tallies"]!.AsArray();

        Assert.Equal(all.Count, counted.Count);
        Assert.Equal(all.Select(t => t!["alternatives"]!.AsArray().Count), counted.Select(t => (int)t!["alternativeCount"]!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&asOf=2013-01-20T00:00:00Z")]
    public async Task A_kept_answer_is_given_only_to_readers_of_its_language(string moment)
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var report = ApiClient.ValidReport(count: 23);
        report["reportedAt"] = "2013-01-19T20:00:00+01:00";
        report["figures"]!.AsArray().Add(ApiClient.Figure(scope: "foreign", count: 37));
        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", report)).EnsureSuccessStatusCode();
        await ReportAsync(slug, "2013-01-21T10:00:00+01:00", 23, "Twenty-three hostages are dead.");
        var reader = app.CreateClient();
        async Task<string?> SaysAsync(string lang)
        {
            var tallies = (await (await reader.GetAsync($"/api/incidents/{slug}/tallies?lang={lang}{moment}")).JsonAsync())["tallies"]!.AsArray();
            var all = tallies.Single(t => (string?)t!["status"] == "killed" && (string?)t["scope"] == "all")!;
            return (string?)Assert.Single(all["conflicts"]!.AsArray())!["says"];
        }

        var french = await SaysAsync("fr");
        Assert.Equal(french, await SaysAsync("fr"));

        Assert.Equal("Fewer than the figure for foreign nationals: 37", await SaysAsync("en"));
        Assert.NotEqual(french, await SaysAsync("en"));
    }

    [Fact]
    public async Task An_unknown_choice_of_alternatives_is_refused_by_name_and_the_document_lists_the_choices()
    {
        var slug = await IncidentReportedBeforeAndAfterTheMomentAsync();

        var refused = await app.CreateClient().GetAsync($"/api/incidents/{slug}/tallies?alternatives=some");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["alternatives"], await refused.ErrorFieldsAsync());
        var document = await app.CreateClient().GetAsync("/openapi/v1.json");
        var parameters = (await document.JsonAsync())["paths"]!["/api/incidents/{slug}/tallies"]!["get"]!["parameters"]!.AsArray();
        var alternatives = parameters.Single(p => (string?)p!["name"] == "alternatives")!;
        Assert.Equal(["all", "count", "none"], alternatives["schema"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("all", (string?)alternatives["schema"]!["default"]);
    }
}
