using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>Incidents, and the read endpoints: tallies, countries and timeline, with asOf and country.</summary>
[Collection(SharedAppCollection.Name)]
public class IncidentAndReadTests(DashboardFactory app)
{
    [Fact]
    public async Task The_seeded_incident_is_listed()
    {
        var incidents = await app.CreateClient().GetFromJsonAsync<JsonArray>("/api/incidents");

        var inAmenas = Assert.Single(incidents!, i => (string?)i!["slug"] == "in-amenas")!;
        Assert.Equal("DZ", (string?)inAmenas["hostCountry"]);
        Assert.Equal("2013-01-16T05:30:00+01:00", (string?)inAmenas["startedAt"]);
        Assert.NotNull((string?)inAmenas["location"]);
    }

    [Fact]
    public async Task Creating_an_incident_answers_201_and_its_time_zone_defaults_to_utc()
    {
        var slug = $"created-{Guid.NewGuid():N}"[..20];
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents",
            new JsonObject { ["slug"] = slug, ["name"] = "Created", ["hostCountry"] = "ml", ["startedAt"] = "2024-03-01T10:00:00Z" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Equal(("ML", "UTC"), ((string?)created["hostCountry"], (string?)created["timeZone"]));
        Assert.Contains(await app.CreateClient().GetFromJsonAsync<JsonArray>("/api/incidents") ?? [], i => (string?)i!["slug"] == slug);
    }

    [Fact]
    public async Task The_seeded_incident_carries_its_gas_plants_position()
    {
        var inAmenas = await app.CreateClient().GetFromJsonAsync<JsonObject>("/api/incidents/in-amenas");

        Assert.Equal((27.899, 9.129), ((double?)inAmenas!["latitude"], (double?)inAmenas["longitude"]));
    }

    [Fact]
    public async Task An_incident_created_with_a_site_gives_it_back_and_one_without_gives_nulls()
    {
        var slug = $"site-{Guid.NewGuid():N}"[..20];
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents", new JsonObject
        {
            ["slug"] = slug, ["name"] = "Sited", ["hostCountry"] = "NG", ["startedAt"] = "2024-03-01T10:00:00Z", ["latitude"] = -4.5, ["longitude"] = 7.25,
        });
        var bare = await app.CreateWriter().PostJsonAsync("/api/incidents", new JsonObject
        {
            ["slug"] = slug + "-b", ["name"] = "Unsited", ["hostCountry"] = "NG", ["startedAt"] = "2024-03-01T10:00:00Z",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var read = await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/incidents/{slug}");
        Assert.Equal((-4.5, 7.25), ((double?)read!["latitude"], (double?)read["longitude"]));
        var unsited = await bare.JsonAsync();
        Assert.Null(unsited["latitude"]);
        Assert.Null(unsited["longitude"]);
    }

    [Theory]
    [InlineData(91.0, 9.0, "latitude")]
    [InlineData(27.9, -180.5, "longitude")]
    [InlineData(27.9, null, "longitude")]
    [InlineData(null, 9.1, "latitude")]
    public async Task A_site_off_the_globe_or_given_half_is_refused_naming_the_field_and_nothing_is_created(double? latitude, double? longitude, string field)
    {
        var slug = $"bad-site-{Guid.NewGuid():N}"[..20];
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents", new JsonObject
        {
            ["slug"] = slug, ["name"] = "Off the map", ["hostCountry"] = "DZ", ["startedAt"] = "2024-03-01T10:00:00Z", ["latitude"] = latitude, ["longitude"] = longitude,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/incidents/{slug}")).StatusCode);
    }

    [Fact]
    public async Task An_events_place_is_kept_with_it_and_given_back_on_the_timeline()
    {
        var incident = await app.CreateIncidentAsync();
        var report = ApiClient.ValidReport();
        report["event"] = new JsonObject
        {
            ["at"] = "2013-01-18T11:00:00+01:00", ["title"] = "Convoy stopped at the checkpoint", ["countries"] = new JsonArray("DZ"),
            ["place"] = new JsonObject { ["name"] = "Checkpoint on the N3", ["latitude"] = 28.01, ["longitude"] = 9.4 },
        };

        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).EnsureSuccessStatusCode();

        var entry = Assert.Single((await app.CreateClient().GetFromJsonAsync<JsonArray>($"/api/incidents/{incident.Slug}/timeline"))!)!;
        Assert.Equal(("Checkpoint on the N3", 28.01, 9.4), ((string?)entry["place"]!["name"], (double?)entry["place"]!["latitude"], (double?)entry["place"]!["longitude"]));
    }

    [Fact]
    public async Task A_place_without_its_coordinates_or_off_the_globe_is_refused_naming_each_field()
    {
        var incident = await app.CreateIncidentAsync();
        var report = ApiClient.ValidReport();
        report["event"] = new JsonObject
        {
            ["at"] = "2013-01-18T11:00:00+01:00", ["title"] = "Somewhere", ["place"] = new JsonObject { ["name"] = "", ["latitude"] = 120.0 },
        };

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["event.place.latitude", "event.place.longitude", "event.place.name"], await response.ErrorFieldsAsync());
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<JsonArray>($"/api/incidents/{incident.Slug}/timeline"))!);
    }

    [Fact]
    public async Task Creating_an_incident_whose_slug_exists_is_409()
    {
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents",
            new JsonObject { ["slug"] = "in-amenas", ["name"] = "Again", ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:30:00+01:00" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_incident_is_refused_naming_each_field()
    {
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents",
            new JsonObject { ["slug"] = "Bad Slug", ["name"] = "", ["hostCountry"] = "Algeria", ["startedAt"] = "yesterday", ["timeZone"] = "Mars/Olympus" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["hostCountry", "name", "slug", "startedAt", "timeZone"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Creating_an_incident_needs_the_api_key()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/incidents",
            new JsonObject { ["slug"] = "no-key", ["name"] = "No key", ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:30:00+01:00" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await app.Situation.FindIncidentAsync("no-key"));
    }

    [Fact]
    public async Task Tallies_as_of_friday_night_give_the_provisional_figures_and_keep_the_claim_beside_them()
    {
        var tallies = await app.CreateClient().TalliesAsync("in-amenas", "?asOf=2013-01-18T23:00:00%2B01:00");

        var killed = Assert.Single(tallies, t => (string?)t!["group"] == "hostages" && (string?)t["status"] == "killed" && (string?)t["scope"] == "all")!;
        Assert.Equal((12, "provisional"), ((int)killed["count"]!, (string?)killed["qualifier"]));
        Assert.Equal("media", (string?)killed["source"]!["kind"]);
        var claim = Assert.Single(tallies, t => (string?)t!["status"] == "killed" && (string?)t["scope"] == "foreign")!;
        Assert.Equal((35, "claimed"), ((int)claim["count"]!, (string?)claim["qualifier"]));
    }

    [Fact]
    public async Task An_unencoded_plus_in_as_of_is_read_as_the_offset_it_was_meant_to_be()
    {
        var encoded = await app.CreateClient().TalliesAsync("in-amenas", "?asOf=2013-01-18T23:00:00%2B01:00");
        var unencoded = await app.CreateClient().TalliesAsync("in-amenas", "?asOf=2013-01-18T23:00:00+01:00");

        Assert.Equal(encoded.ToJsonString(), unencoded.ToJsonString());
    }

    [Fact]
    public async Task The_country_filter_keeps_only_rows_scoped_to_the_listed_countries()
    {
        var tallies = await app.CreateClient().TalliesAsync("in-amenas", "?country=gb,JP");

        Assert.NotEmpty(tallies);
        Assert.All(tallies, t => Assert.Contains((string?)t!["scope"], new[] { "GB", "JP" }));
        Assert.Contains(tallies, t => (string?)t!["scope"] == "JP" && (string?)t["status"] == "missing" && (int)t["count"]! == 10);
    }

    [Fact]
    public async Task Countries_give_headline_hostage_figures_per_nationality_with_local_under_the_host_country()
    {
        var countries = await app.CreateClient().GetFromJsonAsync<JsonArray>("/api/incidents/in-amenas/countries?asOf=2013-01-18T23:00:00Z");

        var algeria = Assert.Single(countries!, c => (string?)c!["country"] == "DZ")!;
        Assert.Equal("Algeria", (string?)algeria["name"]);
        Assert.Equal(573, (int)algeria["counts"]!["freed"]!);
        Assert.Equal("exact", (string?)algeria["qualifiers"]!["freed"]);
        Assert.DoesNotContain(countries!, c => (string?)c!["country"] == "NO");
    }

    [Fact]
    public async Task The_timeline_filtered_to_norway_is_the_norwegians_release_alone()
    {
        var timeline = await app.CreateClient().GetFromJsonAsync<JsonArray>("/api/incidents/in-amenas/timeline?country=NO");

        var release = Assert.Single(timeline!)!;
        Assert.Equal(["NO"], release["countries"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("media", (string?)release["source"]!["kind"]);
    }

    [Fact]
    public async Task The_timeline_as_of_thursday_night_stops_there_and_is_in_time_order()
    {
        var timeline = await app.CreateClient().GetFromJsonAsync<JsonArray>("/api/incidents/in-amenas/timeline?asOf=2013-01-17T23:59:00%2B01:00");

        var times = timeline!.Select(e => DateTimeOffset.Parse((string)e!["at"]!)).ToArray();
        Assert.True(times.Length >= 4);
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.True(t < DateTimeOffset.Parse("2013-01-18T00:00:00+01:00")));
    }

    [Theory]
    [InlineData("tallies", "?asOf=friday", "asOf")]
    [InlineData("tallies", "?asOf=2013-01-18", "asOf")]
    [InlineData("tallies", "?asOf=2013-01-18T23:00:00", "asOf")]
    [InlineData("countries", "?asOf=18/01/2013", "asOf")]
    [InlineData("timeline", "?asOf=2013-13-45T99:00:00Z", "asOf")]
    [InlineData("tallies", "?country=GB,XX", "country")]
    [InlineData("timeline", "?country=Britain", "country")]
    public async Task Reads_refuse_what_they_cannot_understand(string endpoint, string query, string field)
    {
        var response = await app.CreateClient().GetAsync($"/api/incidents/in-amenas/{endpoint}{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("tallies")]
    [InlineData("countries")]
    [InlineData("timeline")]
    public async Task Reads_of_an_unknown_incident_are_404(string endpoint)
    {
        var response = await app.CreateClient().GetAsync($"/api/incidents/nowhere/{endpoint}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_the_vocabulary_and_the_errors()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.Contains("/api/incidents/{slug}/tallies", paths.Select(p => p.Key));
        var post = paths["/api/incidents/{slug}/reports"]!["post"]!;
        Assert.Equal(["200", "201", "400", "401", "404", "409", "413", "429", "503"], post["responses"]!.AsObject().Select(r => r.Key).Order());
        var figure = document["components"]!["schemas"]!["FigureSubmission"]!["properties"]!;
        Assert.Contains("dead-or-missing", figure["status"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("at-least", figure["qualifier"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.NotNull(document["components"]!["schemas"]!["ReportSubmission"]!["examples"]);
    }
}
