using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dashboard.Situation;
using Dashboard.Tests.Access;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>GET /api/incidents/{slug}/feed.atom: an incident's changes for feed readers, in the strip's words for everyone.</summary>
[Collection(SharedAppCollection.Name)]
public class FeedTests(DashboardFactory app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static JsonObject Report(string id, string reportedAt, params (string Scope, int Count)[] killed) => new()
    {
        ["id"] = id,
        ["reportedAt"] = reportedAt,
        ["source"] = new JsonObject { ["name"] = "Press agency", ["kind"] = "media" },
        ["statement"] = "Hostages are dead.",
        ["figures"] = new JsonArray(killed.Select(k => (JsonNode)new JsonObject
        {
            ["group"] = "hostages", ["status"] = "killed", ["scope"] = k.Scope, ["count"] = k.Count, ["qualifier"] = "exact",
        }).ToArray()),
        ["people"] = new JsonArray(new JsonObject { ["name"] = "Kenji Tanaka", ["nationality"] = "JP", ["status"] = "killed" }),
    };

    private async Task<(HttpResponseMessage Response, XDocument? Feed)> FeedAsync(HttpClient client, string slug, string query = "")
    {
        var response = await client.GetAsync($"/api/incidents/{slug}/feed.atom{query}");
        return (response, response.IsSuccessStatusCode ? XDocument.Parse(await response.Content.ReadAsStringAsync()) : null);
    }

    private static string[] Titles(XDocument feed) => feed.Root!.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "title")!).ToArray();

    private async Task<string> IncidentWithMovesAsync()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();
        (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Report($"{slug}-1", "2013-01-17T10:00:00+01:00", ("GB", 1), ("JP", 2)))).EnsureSuccessStatusCode();
        (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Report($"{slug}-2", "2013-01-17T12:00:00+01:00", ("GB", 3), ("JP", 5)))).EnsureSuccessStatusCode();
        return slug;
    }

    private static string Killed(string country) => $"{Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)}, {Terms.ScopeWords(country, "DZ")}";

    [Fact]
    public async Task A_british_desks_feed_tells_of_the_british_move_and_not_the_japanese_one()
    {
        var slug = await IncidentWithMovesAsync();

        var (response, feed) = await FeedAsync(app.CreateClient(), slug, "?country=GB");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var titles = Titles(feed!);
        Assert.Contains($"{Killed("GB")} 1 → 3", titles);
        Assert.DoesNotContain(titles, t => t.Contains(Terms.ScopeWords("JP", "DZ")));
        Assert.Equal($"http://localhost/api/incidents/{slug}/feed.atom?country=GB", (string)feed!.Root!.Element(Atom + "id")!);
        Assert.All(feed.Root.Elements(Atom + "entry"), e => Assert.NotNull(e.Element(Atom + "updated")));
    }

    [Fact]
    public async Task A_correction_reaches_the_feed_as_a_correction_without_the_person_it_names()
    {
        var slug = await IncidentWithMovesAsync();
        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports/{slug}-2/retract",
            new JsonObject { ["reason"] = "Kenji Tanaka was counted twice." })).EnsureSuccessStatusCode();

        var (_, feed) = await FeedAsync(app.CreateClient(), slug, "?country=JP");

        var correction = Assert.Single(Titles(feed!), t => t.StartsWith("CORRECTION:"));
        Assert.StartsWith($"CORRECTION: {Killed("JP")} 5 withdrawn", correction);
        Assert.Contains("[name withheld] was counted twice.", correction);
        Assert.DoesNotContain("Kenji", feed!.ToString());
        Assert.DoesNotContain("Press agency", feed.ToString()); // sources can name people: the feed leaves them out, as the wall does
    }

    [Fact]
    public async Task An_ended_incident_has_an_entry_for_its_end()
    {
        var slug = await IncidentWithMovesAsync();
        (await app.CreateWriter().PutAsync($"/api/incidents/{slug}/end",
            new StringContent("""{"endedAt":"2013-01-19T18:00:00+01:00"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var (_, feed) = await FeedAsync(app.CreateClient(), slug);

        var ended = feed!.Root!.Elements(Atom + "entry").First();
        Assert.Equal("Test incident ended", (string)ended.Element(Atom + "title")!);
        Assert.Equal("2013-01-19T17:00:00Z", (string)ended.Element(Atom + "updated")!);
        Assert.Contains("Sat 19 Jan 2013, 18:00 (Africa/Algiers)", (string)ended.Element(Atom + "content")!);
    }

    [Fact]
    public async Task An_unknown_incident_is_404_and_an_unknown_country_is_named_in_a_400()
    {
        var (unknown, _) = await FeedAsync(app.CreateClient(), "no-such-incident");
        var (badCountry, _) = await FeedAsync(app.CreateClient(), "in-amenas", "?country=Britain");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCountry.StatusCode);
        Assert.NotNull((await badCountry.JsonAsync())["errors"]!["country"]);
    }
}

/// <summary>The feed is read as the situation is: where sign-in is required, a key or a signed-in person, no one else.</summary>
public class FeedAccessTests(SignedInAppFactory app) : IClassFixture<SignedInAppFactory>
{
    [Fact]
    public async Task Where_sign_in_is_required_the_feed_needs_a_key_or_a_signed_in_reader()
    {
        var anonymous = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/api/incidents/in-amenas/feed.atom");
        var withKey = await app.CreateWriter().GetAsync("/api/incidents/in-amenas/feed.atom");
        var viewer = await app.SignInAsync(await app.CreateAccountAsync(Dashboard.Access.Roles.Viewer));
        var signedIn = await viewer.GetAsync("/api/incidents/in-amenas/feed.atom");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }
}
