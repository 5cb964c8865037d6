using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>GET /api/incidents/{slug}/changes: what changed between two moments, for a handover or a briefing.</summary>
[Collection(SharedAppCollection.Name)]
public class ChangesTests(DashboardFactory app)
{
    private const string FridayNight = "2013-01-18T23%3A00%3A00%2B01%3A00";
    private const string WednesdayNight = "2013-01-16T23%3A00%3A00%2B01%3A00";

    private async Task<JsonNode> ChangesAsync(string query) =>
        await (await app.CreateClient().GetAsync($"/api/incidents/in-amenas/changes?{query}")).JsonAsync();

    private static JsonNode? HeadlineOf(JsonNode changes, string group, string status, string scope) =>
        changes["headlines"]!.AsArray().SingleOrDefault(h =>
            (string?)h!["group"] == group && (string?)h["status"] == status && (string?)h["scope"] == scope);

    [Fact]
    public async Task Since_friday_night_the_killed_headline_went_from_the_medias_provisional_12_to_the_ministrys_23()
    {
        var changes = await ChangesAsync($"since={FridayNight}");

        var killed = HeadlineOf(changes, "hostages", "killed", "all")!;
        Assert.Equal((12, "provisional", "Media reports"),
            ((int)killed["before"]!["count"]!, (string?)killed["before"]!["qualifier"], (string?)killed["before"]!["source"]!["name"]));
        Assert.Equal((23, "exact", "Algerian interior ministry"),
            ((int)killed["after"]!["count"]!, (string?)killed["after"]!["qualifier"], (string?)killed["after"]!["source"]!["name"]));
        Assert.Equal(32, (int)HeadlineOf(changes, "militants", "killed", "all")!["after"]!["count"]!);
        Assert.Null(HeadlineOf(changes, "hostages", "total", "all")); // 700 throughout: not a change
        Assert.Contains("NO", changes["newNationalities"]!.AsArray().Select(n => (string?)n));
        Assert.DoesNotContain("GB", changes["newNationalities"]!.AsArray().Select(n => (string?)n));
        Assert.Empty(changes["newClaims"]!.AsArray());
        var events = changes["events"]!.AsArray().Select(e => DateTimeOffset.Parse((string)e!["at"]!)).ToArray();
        Assert.NotEmpty(events);
        Assert.All(events, at => Assert.True(at > DateTimeOffset.Parse("2013-01-18T23:00:00+01:00")));
    }

    [Fact]
    public async Task From_wednesday_night_to_friday_night_the_kidnappers_35_foreign_dead_is_a_new_claim()
    {
        var changes = await ChangesAsync($"since={WednesdayNight}&asOf={FridayNight}");

        var claim = Assert.Single(changes["newClaims"]!.AsArray())!;
        Assert.Equal((35, "foreign", true), ((int)claim["count"]!, (string?)claim["scope"], (bool)claim["isHeadline"]!));
        var killed = HeadlineOf(changes, "hostages", "killed", "all")!;
        Assert.Equal((2, 12), ((int)killed["before"]!["count"]!, (int)killed["after"]!["count"]!));
        Assert.DoesNotContain(changes["events"]!.AsArray(), e => DateTimeOffset.Parse((string)e!["at"]!) > DateTimeOffset.Parse("2013-01-18T23:00:00+01:00"));
    }

    [Fact]
    public async Task Narrowed_to_britain_the_overall_and_british_headlines_show_as_on_the_narrowed_page()
    {
        var changes = await ChangesAsync($"since={FridayNight}&country=GB");

        Assert.NotEmpty(changes["headlines"]!.AsArray());
        Assert.All(changes["headlines"]!.AsArray(), h => Assert.Contains((string?)h!["scope"], new[] { "GB", "all", "foreign", "local" }));
        Assert.All(changes["headlines"]!.AsArray(), h => Assert.Null((string?)h!["organisation"]));
        Assert.NotNull(HeadlineOf(changes, "hostages", "dead-or-missing", "GB"));
        Assert.NotNull(HeadlineOf(changes, "hostages", "killed", "all"));
        Assert.Null(HeadlineOf(changes, "hostages", "freed", "NO"));
        Assert.Empty(changes["newNationalities"]!.AsArray());
        Assert.NotEmpty(changes["events"]!.AsArray());
        Assert.All(changes["events"]!.AsArray(), e => Assert.Contains("GB", e!["countries"]!.AsArray().Select(c => (string?)c)));
    }

    [Fact]
    public async Task A_retraction_after_the_earlier_moment_is_listed_with_its_reason_and_its_headline_goes_back()
    {
        var incident = await app.CreateIncidentAsync();
        var provisional = Reports.Figures("2013-01-18T18:00:00+01:00", Reports.Press, Reports.HostagesKilled(12, Qualifier.Provisional));
        var wrong = Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(25));
        await app.Situation.SubmitAsync(incident, [provisional, wrong]);
        var beforeRetraction = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        await app.Situation.RetractAsync(incident, wrong.Id, "Counted the militants too.", "test");

        var response = await app.CreateClient().GetAsync($"/api/incidents/{incident.Slug}/changes?since={Uri.EscapeDataString(beforeRetraction)}");
        var changes = await response.JsonAsync();

        var retraction = Assert.Single(changes["retractions"]!.AsArray())!;
        Assert.Equal((wrong.Id, "Counted the militants too."), ((string?)retraction["reportId"], (string?)retraction["reason"]));
        Assert.Null(retraction["statement"]);
        var killed = Assert.Single(changes["headlines"]!.AsArray())!;
        Assert.Equal((25, 12), ((int)killed["before"]!["count"]!, (int)killed["after"]!["count"]!));
    }

    [Theory]
    [InlineData("", "since")]
    [InlineData("since=Friday", "since")]
    [InlineData("since=2013-01-19T00:00:00Z&asOf=2013-01-18T00:00:00Z", "since")]
    [InlineData("since=2013-01-18T00:00:00Z&asOf=soon", "asOf")]
    [InlineData("since=2013-01-18T00:00:00Z&country=XX", "country")]
    public async Task A_moment_or_country_it_cannot_understand_is_a_400_naming_the_parameter(string query, string field)
    {
        var response = await app.CreateClient().GetAsync($"/api/incidents/in-amenas/changes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_unknown_incident_is_404()
    {
        var response = await app.CreateClient().GetAsync($"/api/incidents/no-such-incident/changes?since={FridayNight}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
