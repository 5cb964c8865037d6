using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>
/// The figures as a crisis room reads them over the API: a weaker later figure never displaces a better headline, a
/// whole below its parts says so, and a move out of a claim reads as the first confirmed figure.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class FiguresThatCannotMisleadTests(DashboardFactory app)
{
    // Report ids are one namespace across incidents: each test's are made its own.
    private async Task PostAsync(string slug, string json)
    {
        json = json.Replace("\"id\":\"", $"\"id\":\"{slug}-");
        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Report(string id, string at, string source, string kind, params JsonObject[] figures) => new JsonObject
    {
        ["id"] = id, ["reportedAt"] = at, ["source"] = new JsonObject { ["name"] = source, ["kind"] = kind },
        ["statement"] = "Said.", ["figures"] = new JsonArray(figures),
    }.ToJsonString();

    private static JsonNode Tally(JsonArray tallies, string group, string status, string scope) =>
        tallies.Single(t => (string?)t!["group"] == group && (string?)t["status"] == status && (string?)t["scope"] == scope)!;

    [Fact]
    public async Task A_later_at_least_4_leaves_the_exact_23_as_the_headline_and_stands_beside_it()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident.Slug, Report("moi-23", "2013-01-19T20:00:00+01:00", "Algerian interior ministry", "government", ApiClient.Figure(count: 23)));

        // The body exactly as the issue gives it.
        await PostAsync(incident.Slug, """{"id":"no-mfa-1","reportedAt":"2013-01-21T10:00:00+01:00","source":{"name":"Norwegian foreign ministry","kind":"government"},"statement":"At least four hostages were killed.","figures":[{"group":"hostages","status":"killed","scope":"all","count":4,"qualifier":"at-least"}]}""");

        var killed = Tally(await app.CreateClient().TalliesAsync(incident.Slug), "hostages", "killed", "all");
        Assert.Equal((23, "exact"), ((int)killed["count"]!, (string?)killed["qualifier"]));
        var bound = Assert.Single(killed["alternatives"]!.AsArray())!;
        Assert.Equal((4, "at-least"), ((int)bound["count"]!, (string?)bound["qualifier"]));
    }

    [Fact]
    public async Task A_whole_below_its_part_says_so_on_both_and_a_figure_with_no_conflict_says_none()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident.Slug, Report("moi-23", "2013-01-19T20:00:00+01:00", "Algerian interior ministry", "government",
            ApiClient.Figure(count: 23), ApiClient.Figure(scope: "foreign", count: 37), ApiClient.Figure(status: "freed", count: 685)));

        var tallies = await app.CreateClient().TalliesAsync(incident.Slug);

        var all = Tally(tallies, "hostages", "killed", "all");
        var conflict = Assert.Single(all["conflicts"]!.AsArray())!;
        Assert.Equal(("hostages", "killed", "foreign"), ((string?)conflict["with"]!["group"], (string?)conflict["with"]!["status"], (string?)conflict["with"]!["scope"]));
        Assert.Equal("Fewer than the figure for foreign nationals: 37", (string?)conflict["says"]);
        var part = Assert.Single(Tally(tallies, "hostages", "killed", "foreign")["conflicts"]!.AsArray())!;
        Assert.Equal(("all", "More than the figure in all: 23"), ((string?)part["with"]!["scope"], (string?)part["says"]));
        Assert.Empty(Tally(tallies, "hostages", "freed", "all")["conflicts"]!.AsArray());
    }

    [Fact]
    public async Task Outcomes_that_add_up_to_more_than_the_total_are_a_conflict_on_the_total()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident.Slug, Report("site", "2013-01-19T20:00:00+01:00", "Algerian interior ministry", "government",
            ApiClient.Figure(status: "total", count: 700, qualifier: "approximate"), ApiClient.Figure(status: "freed", count: 685), ApiClient.Figure(count: 107)));

        var tallies = await app.CreateClient().TalliesAsync(incident.Slug);

        var says = (string?)Assert.Single(Tally(tallies, "hostages", "total", "all")["conflicts"]!.AsArray())!["says"];
        Assert.Equal("Fewer than killed, freed add up to: 792 (freed 685, killed 107)", says);
    }

    [Fact]
    public async Task A_live_view_narrowed_to_a_nationality_checks_it_against_the_wholes_it_does_not_show()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident.Slug, Report("foreign", "2013-01-18T20:00:00+01:00", "Algerian interior ministry", "government", ApiClient.Figure(scope: "foreign", count: 3)));
        await PostAsync(incident.Slug, Report("gb", "2013-01-19T20:00:00+01:00", "Foreign Office", "government", ApiClient.Figure(scope: "GB", count: 5)));

        var tallies = await app.CreateClient().TalliesAsync(incident.Slug, "?country=GB");

        var gb = Assert.Single(tallies)!;
        Assert.Equal("More than the figure for foreign nationals: 3", (string?)Assert.Single(gb["conflicts"]!.AsArray())!["says"]);
    }

    [Fact]
    public async Task A_past_view_is_checked_as_it_stood_then()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident.Slug, Report("all", "2013-01-18T20:00:00+01:00", "Algerian interior ministry", "government", ApiClient.Figure(count: 3)));
        await PostAsync(incident.Slug, Report("gb", "2013-01-19T20:00:00+01:00", "Foreign Office", "government", ApiClient.Figure(scope: "GB", count: 5)));
        await PostAsync(incident.Slug, Report("more", "2013-01-20T20:00:00+01:00", "Algerian interior ministry", "government", ApiClient.Figure(count: 9)));

        var then = await app.CreateClient().TalliesAsync(incident.Slug, "?asOf=2013-01-20T00:00:00%2B01:00");
        var now = await app.CreateClient().TalliesAsync(incident.Slug);

        Assert.Equal("Fewer than the figure for United Kingdom: 5",
            (string?)Assert.Single(Tally(then, "hostages", "killed", "all")["conflicts"]!.AsArray())!["says"]);
        Assert.Empty(Tally(now, "hostages", "killed", "all")["conflicts"]!.AsArray());
    }

    [Fact]
    public async Task A_move_out_of_a_claim_reads_as_the_first_confirmed_figure_and_a_qualifier_is_never_dropped()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident.Slug, Report("claim", "2013-01-18T18:30:00+01:00", "The kidnappers", "perpetrator", ApiClient.Figure(scope: "foreign", count: 35, qualifier: "claimed")));
        await PostAsync(incident.Slug, Report("moi", "2013-01-21T06:06:00+01:00", "Algerian interior ministry", "government", ApiClient.Figure(scope: "foreign", count: 37), ApiClient.Figure(count: 23)));
        await PostAsync(incident.Slug, Report("more", "2013-01-21T08:00:00+01:00", "Norwegian foreign ministry", "government", ApiClient.Figure(count: 40, qualifier: "at-least")));

        var changes = await (await app.CreateClient().GetAsync($"/api/incidents/{incident.Slug}/changes?since=2013-01-20T00:00:00%2B01:00")).JsonAsync();

        string? Says(string scope) => (string?)changes["headlines"]!.AsArray().Single(h => (string?)h!["scope"] == scope)!["says"];
        Assert.Equal("first confirmed figure 37 (the perpetrators had claimed 35)", Says("foreign"));
        Assert.Equal("new → at least 40", Says("all"));
        var sinceMoi = await (await app.CreateClient().GetAsync($"/api/incidents/{incident.Slug}/changes?since=2013-01-21T07:00:00%2B01:00")).JsonAsync();
        Assert.Equal("23 → at least 40", (string?)Assert.Single(sinceMoi["headlines"]!.AsArray())!["says"]);
    }
}
