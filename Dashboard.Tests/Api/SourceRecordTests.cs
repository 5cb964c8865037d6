using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>
/// Sources as records: one per source per incident, whatever the case or spacing of its name; its kind fixed when first
/// used; merged, renamed and set to relay another by Analysts, with reports and grades following.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class SourceRecordTests(DashboardFactory app)
{
    private static JsonObject Report(string id, string at, string source, string kind, JsonObject figure) => new()
    {
        ["id"] = id, ["reportedAt"] = at, ["source"] = new JsonObject { ["name"] = source, ["kind"] = kind },
        ["statement"] = "Said.", ["figures"] = new JsonArray(figure),
    };

    private async Task<HttpResponseMessage> PostAsync(Incident incident, string id, string at, string source, string kind, JsonObject figure) =>
        await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", Report($"{incident.Slug}-{id}", at, source, kind, figure));

    private async Task<JsonArray> SourcesAsync(Incident incident) =>
        (JsonArray)(await (await app.CreateClient().GetAsync($"/api/incidents/{incident.Slug}/sources")).JsonAsync());

    [Fact]
    public async Task A_known_name_in_another_case_is_the_same_source_and_another_kind_is_a_400_naming_source_kind_that_changes_nothing()
    {
        var incident = await app.CreateIncidentAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(incident, "p1", "2013-01-17T10:00:00+01:00", "Prefecture", "government", ApiClient.Figure(count: 3))).StatusCode);

        var same = await PostAsync(incident, "p2", "2013-01-17T11:00:00+01:00", "  PREFECTURE ", "government", ApiClient.Figure(count: 4));
        var relabelled = await PostAsync(incident, "p3", "2013-01-17T12:00:00+01:00", "PREFECTURE", "perpetrator", ApiClient.Figure(count: 40));

        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, relabelled.StatusCode);
        Assert.Equal(["source.kind"], await relabelled.ErrorFieldsAsync());
        var source = Assert.Single(await SourcesAsync(incident))!;
        Assert.Equal(("Prefecture", "government"), ((string?)source["name"], (string?)source["kind"]));
        var tally = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug))!;
        Assert.Equal((4, "Prefecture"), ((int)tally["count"]!, (string?)tally["source"]!["name"]));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateWriter().GetAsync($"/api/incidents/{incident.Slug}/reports/{incident.Slug}-p3")).StatusCode);
    }

    [Fact]
    public async Task Merging_three_spellings_of_the_kidnappers_makes_one_graded_source_behind_every_claim()
    {
        var incident = await app.CreateIncidentAsync();
        var claim = ApiClient.Figure(scope: "foreign", count: 35, qualifier: "claimed");
        await PostAsync(incident, "k1", "2013-01-16T20:00:00+01:00", "The kidnappers", "perpetrator", ApiClient.Figure(status: "held", count: 41, qualifier: "claimed"));
        await PostAsync(incident, "k2", "2013-01-18T18:30:00+01:00", "The kidnappers (as reported by the media)", "perpetrator", claim);
        var grade = await app.CreateWriter().PutAsync($"/api/incidents/{incident.Slug}/sources/grade",
            JsonContent(new JsonObject { ["source"] = "The kidnappers", ["reliability"] = "E" }));
        Assert.Equal(HttpStatusCode.OK, grade.StatusCode);

        var merged = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/sources/merge",
            new JsonObject { ["source"] = "The kidnappers (as reported by the media)", ["into"] = "The kidnappers" });

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var source = Assert.Single(await SourcesAsync(incident))!;
        Assert.Equal(("The kidnappers", "E"), ((string?)source["name"], (string?)source["reliability"]));
        Assert.Equal(["The kidnappers", "The kidnappers (as reported by the media)"], source["aliases"]!.AsArray().Select(a => (string?)a));
        var foreignKilled = (await app.CreateClient().TalliesAsync(incident.Slug)).Single(t => (string?)t!["scope"] == "foreign")!;
        Assert.Equal(("The kidnappers", "E"), ((string?)foreignKilled["source"]!["name"], (string?)foreignKilled["grade"]?.ToString()[..1]));
        var audit = await app.Situation.GetAuditAsync(new AuditFilter(null, "change source", incident.Slug), 5);
        Assert.Contains("Merged source 'The kidnappers (as reported by the media)'", Assert.Single(audit).Detail);
        // A report filed under the merged name from now on is the kidnappers'.
        await PostAsync(incident, "k3", "2013-01-19T10:00:00+01:00", "the kidnappers (as reported by the media)", "perpetrator", ApiClient.Figure(scope: "foreign", count: 36, qualifier: "claimed"));
        Assert.Single(await SourcesAsync(incident));
    }

    [Fact]
    public async Task A_source_that_relays_the_kidnappers_is_graded_and_weighed_as_them_and_shown_as_the_channel()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident, "k1", "2013-01-16T20:00:00+01:00", "The kidnappers", "perpetrator", ApiClient.Figure(status: "held", count: 41, qualifier: "claimed"));
        await PostAsync(incident, "moi", "2013-01-17T08:00:00+01:00", "Interior ministry", "government", ApiClient.Figure(count: 12));
        await PostAsync(incident, "ani", "2013-01-17T09:00:00+01:00", "Mauritanian news agency", "media", ApiClient.Figure(count: 35));
        Assert.Equal(35, (int)(await app.CreateClient().TalliesAsync(incident.Slug)).Single(t => (string?)t!["status"] == "killed")!["count"]!);

        var relayed = await app.CreateWriter().PutAsync($"/api/incidents/{incident.Slug}/sources/relay",
            JsonContent(new JsonObject { ["source"] = "Mauritanian news agency", ["relays"] = "The kidnappers" }));

        Assert.Equal(HttpStatusCode.OK, relayed.StatusCode);
        var killed = (await app.CreateClient().TalliesAsync(incident.Slug)).Single(t => (string?)t!["status"] == "killed")!;
        Assert.Equal(12, (int)killed["count"]!); // the kidnappers' word, however it came, is a claim
        var claim = killed["alternatives"]!.AsArray().Single()!;
        Assert.Equal(("The kidnappers", "Mauritanian news agency", "claim"), ((string?)claim["source"]!["name"], (string?)claim["source"]!["via"], (string?)claim["relation"]));
        Assert.Equal("The kidnappers", (string?)(await SourcesAsync(incident)).Single(s => (string?)s!["name"] == "Mauritanian news agency")!["relays"]);
    }

    [Fact]
    public async Task Renaming_keeps_the_old_name_as_one_of_the_source_s_names_and_its_grade_and_a_name_taken_is_a_400()
    {
        var incident = await app.CreateIncidentAsync();
        await PostAsync(incident, "a", "2013-01-17T10:00:00+01:00", "APS", "media", ApiClient.Figure(count: 3));
        await PostAsync(incident, "b", "2013-01-17T11:00:00+01:00", "Reuters", "media", ApiClient.Figure(status: "freed", count: 30));
        await app.CreateWriter().PutAsync($"/api/incidents/{incident.Slug}/sources/grade", JsonContent(new JsonObject { ["source"] = "APS", ["reliability"] = "B" }));

        var renamed = await app.CreateWriter().PutAsync($"/api/incidents/{incident.Slug}/sources/rename",
            JsonContent(new JsonObject { ["source"] = "aps", ["name"] = "Algérie Presse Service" }));
        var taken = await app.CreateWriter().PutAsync($"/api/incidents/{incident.Slug}/sources/rename",
            JsonContent(new JsonObject { ["source"] = "Algérie Presse Service", ["name"] = "REUTERS" }));

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var aps = (await renamed.JsonAsync());
        Assert.Equal(("Algérie Presse Service", "B"), ((string?)aps["name"], (string?)aps["reliability"]));
        Assert.Equal(["APS", "Algérie Presse Service"], aps["aliases"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(["name"], await taken.ErrorFieldsAsync());
        var killed = (await app.CreateClient().TalliesAsync(incident.Slug)).Single(t => (string?)t!["status"] == "killed")!;
        Assert.Equal("Algérie Presse Service", (string?)killed["source"]!["name"]);
    }

    private static StringContent JsonContent(JsonNode json) => new(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
