using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>
/// GET /api/incidents/{slug}/tallies/history: a key's headline through the incident. Checked as a rule against the
/// as-of answers: at every step, and between steps, the history says what GET …/tallies?asOf= says for the key.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class HeadlineHistoryTests(DashboardFactory app)
{
    private static readonly (string Name, string Kind)[] Sources = [("Interior ministry", "government"), ("Kyodo", "media"), ("Reuters", "media"), ("Katibat al-Mulathameen", "perpetrator")];
    private static readonly string[] Qualifiers = ["exact", "approximate", "at-least", "provisional", "claimed"];
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2013-01-16T06:00:00+01:00", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    private async Task<JsonNode> HistoryAsync(string slug, string query = "group=hostages&status=killed&scope=GB")
    {
        var response = await app.CreateClient().GetAsync($"/api/incidents/{slug}/tallies/history?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    // The key's headline as the as-of view gives it: (count, qualifier), or null when nothing counts.
    private async Task<(int, string)?> AsOfAsync(string slug, DateTimeOffset at)
    {
        var tallies = await app.CreateClient().TalliesAsync(slug, $"?asOf={Uri.EscapeDataString(Instant(at))}&country=GB");
        var tally = tallies.SingleOrDefault(t => t!["group"]!.GetValue<string>() == "hostages" && t["status"]!.GetValue<string>() == "killed" && t["scope"]!.GetValue<string>() == "GB");
        return tally is null ? null : (tally["count"]!.GetValue<int>(), tally["qualifier"]!.GetValue<string>());
    }

    private static (int, string)? Said(JsonNode step) =>
        step["count"] is { } count ? (count.GetValue<int>(), step["qualifier"]!.GetValue<string>()) : null;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task At_every_step_and_between_steps_the_history_says_what_the_as_of_view_says(int seed)
    {
        var random = new Random(seed);
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();
        var ids = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            var (name, kind) = Sources[random.Next(Sources.Length)];
            var qualifier = kind == "perpetrator" ? "claimed" : Qualifiers[random.Next(Qualifiers.Length - 1)];
            var id = $"{slug}-{i}";
            var report = new JsonObject
            {
                ["id"] = id, ["reportedAt"] = Instant(Start.AddMinutes(random.Next(0, 4 * 24 * 60))),
                ["source"] = new JsonObject { ["name"] = name, ["kind"] = kind }, ["statement"] = "Britons are dead.",
                ["figures"] = new JsonArray(ApiClient.Figure(scope: "GB", count: random.Next(1, 12), qualifier: qualifier)),
            };
            (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", report)).EnsureSuccessStatusCode();
            ids.Add(id);
        }
        foreach (var id in ids.Where(_ => random.Next(4) == 0))
            (await writer.PostJsonAsync($"/api/incidents/{slug}/reports/{id}/retract", new JsonObject { ["reason"] = "Counted twice." })).EnsureSuccessStatusCode();

        var steps = (await HistoryAsync(slug))["steps"]!.AsArray().Select(s => s!).ToArray();

        Assert.NotEmpty(steps);
        Assert.Null(await AsOfAsync(slug, DateTimeOffset.Parse(steps[0]["from"]!.GetValue<string>(), CultureInfo.InvariantCulture).AddSeconds(-1)));
        for (var i = 0; i < steps.Length; i++)
        {
            var from = DateTimeOffset.Parse(steps[i]["from"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var next = i + 1 < steps.Length ? DateTimeOffset.Parse(steps[i + 1]["from"]!.GetValue<string>(), CultureInfo.InvariantCulture) : from.AddDays(1);
            Assert.Equal(Said(steps[i]), await AsOfAsync(slug, from));
            Assert.Equal(Said(steps[i]), await AsOfAsync(slug, from + (next - from) / 2));
            if (i > 0)
                Assert.NotEqual((Said(steps[i - 1]), steps[i - 1]["reportId"]?.GetValue<string>()), (Said(steps[i]), steps[i]["reportId"]?.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Claims_and_withdrawn_figures_are_listed_beside_the_line_with_their_sources_and_the_key_by_its_country()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();
        JsonObject Report(string id, string at, string source, string kind, int count, string qualifier) => new()
        {
            ["id"] = $"{slug}-{id}", ["reportedAt"] = at, ["source"] = new JsonObject { ["name"] = source, ["kind"] = kind },
            ["statement"] = "Britons are dead.", ["figures"] = new JsonArray(ApiClient.Figure(scope: "GB", count: count, qualifier: qualifier)),
        };
        (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Report("a", "2013-01-17T10:00:00+01:00", "Kyodo", "media", 3, "exact"))).EnsureSuccessStatusCode();
        (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Report("b", "2013-01-17T11:00:00+01:00", "Kidnappers", "perpetrator", 9, "claimed"))).EnsureSuccessStatusCode();
        (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Report("c", "2013-01-17T12:00:00+01:00", "Kyodo", "media", 5, "at-least"))).EnsureSuccessStatusCode();
        (await writer.PostJsonAsync($"/api/incidents/{slug}/reports/{slug}-c/retract", new JsonObject { ["reason"] = "Wrong nationality." })).EnsureSuccessStatusCode();

        var history = await HistoryAsync(slug, "group=hostages&status=killed&scope=gb");

        Assert.Equal("GB", history["key"]!["scope"]!.GetValue<string>());
        Assert.Equal([3, 5, 3], history["steps"]!.AsArray().Select(s => s!["count"]!.GetValue<int>()));
        Assert.Equal("at-least", history["steps"]![1]!["qualifier"]!.GetValue<string>());
        var claim = Assert.Single(history["claims"]!.AsArray())!;
        Assert.Equal((9, "Kidnappers"), (claim["count"]!.GetValue<int>(), claim["source"]!["name"]!.GetValue<string>()));
        var withdrawn = Assert.Single(history["withdrawn"]!.AsArray())!;
        Assert.Equal($"{slug}-c", withdrawn["reportId"]!.GetValue<string>());
        Assert.NotNull(withdrawn["withdrawnAt"]);

        var before = await HistoryAsync(slug, $"group=hostages&status=killed&scope=GB&asOf={Uri.EscapeDataString("2013-01-17T11:30:00+01:00")}");
        Assert.Equal([3], before["steps"]!.AsArray().Select(s => s!["count"]!.GetValue<int>()));
        Assert.Empty(before["withdrawn"]!.AsArray());
    }

    [Fact]
    public async Task Each_bad_field_is_named_and_an_unknown_incident_is_a_404()
    {
        var client = app.CreateClient();

        var bad = await client.GetAsync("/api/incidents/in-amenas/tallies/history?group=children&scope=Atlantis&asOf=yesterday");
        var unknown = await client.GetAsync("/api/incidents/no-such-incident/tallies/history?group=hostages&status=killed");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["asOf", "group", "scope", "status"], await bad.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
