using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Live;

/// <summary>After a storm of concurrent writes, the live picture answers exactly what a fresh process rebuilt from the database answers.</summary>
public class ConsistencyTests
{
    private static readonly string[] Moments =
        ["2013-01-16T12:00:00+01:00", "2013-01-17T12:00:00+01:00", "2013-01-18T06:30:00+01:00", "2013-01-19T12:00:00+01:00", "2013-01-21T00:00:00Z"];

    private static readonly string[] Nationalities = ["GB", "JP", "NO", "US", "PH"];

    [Fact]
    public async Task After_concurrent_reports_retractions_of_reports_and_figures_and_incidents_the_live_answers_equal_a_rebuilt_process()
    {
        string path;
        Dictionary<string, string> live;
        var slugs = Enumerable.Range(0, 3).Select(i => $"storm-{i}").ToArray();
        using (var app = new DashboardFactory { KeepDatabase = true })
        {
            path = app.DatabasePath;
            using var client = app.CreateWriter();
            // Readers are on the pictures throughout, so every write is applied to a loaded picture, not read at load.
            var created = await Task.WhenAll(slugs.Select(slug => client.PostJsonAsync("/api/incidents", new JsonObject
            {
                ["slug"] = slug, ["name"] = slug, ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:00:00+01:00",
            })));
            Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            using var stop = new CancellationTokenSource();
            var reading = Task.WhenAll(slugs.Select(slug => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                    await app.Situation.GetSituationAsync(slug, DateTimeOffset.Parse(Moments[2]));
            })));

            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                var random = new Random(writer);
                for (var i = 0; i < 25; i++)
                {
                    var slug = slugs[random.Next(slugs.Length)];
                    var id = $"w{writer}-{i}";
                    var response = await client.PostJsonAsync($"/api/incidents/{slug}/reports", Report(id, random));
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    if (random.Next(5) == 0)
                    {
                        var retracted = await client.PostJsonAsync($"/api/incidents/{slug}/reports/{id}/retract", new JsonObject { ["reason"] = "Withdrawn." });
                        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
                    }
                    else if (random.Next(4) == 0)
                    {
                        var withdrawn = await client.PostJsonAsync($"/api/incidents/{slug}/reports/{id}/figures/{random.Next(2)}/retract", new JsonObject { ["reason"] = "One figure wrong." });
                        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
                    }
                }
            })).ToArray();
            await Task.WhenAll(writers);
            stop.Cancel();
            await reading;
            live = await AnswersAsync(app.CreateWriter(), slugs);
        }

        using var rebuilt = new DashboardFactory { DatabasePath = path };
        var fresh = await AnswersAsync(rebuilt.CreateWriter(), slugs);

        Assert.Equal(fresh.Keys.Order(), live.Keys.Order());
        foreach (var (question, answer) in fresh)
            Assert.True(answer == live[question], $"{question} differs:\nlive  {live[question]}\nfresh {answer}");
        Assert.Contains(fresh, a => a.Key.Contains("tallies") && a.Value.Contains("alternatives\":[{"));
    }

    internal static JsonObject Report(string id, Random random)
    {
        var at = DateTimeOffset.Parse("2013-01-16T06:00:00+01:00").AddMinutes(random.Next(4 * 24 * 60));
        var figures = new JsonArray();
        foreach (var scope in new[] { "all", Nationalities[random.Next(Nationalities.Length)] })
            figures.Add(ApiClient.Figure(status: random.Next(2) == 0 ? "killed" : "freed", scope: scope, count: random.Next(1, 40),
                qualifier: random.Next(6) switch { 0 => "provisional", 1 => "at-least", _ => "exact" }));
        return new JsonObject
        {
            ["id"] = id,
            ["reportedAt"] = at.ToString("O"),
            ["source"] = new JsonObject { ["name"] = $"Source {random.Next(4)}", ["kind"] = "media" },
            ["statement"] = $"Statement {id}.",
            ["figures"] = figures,
            ["event"] = new JsonObject { ["at"] = at.ToString("O"), ["title"] = $"Event {id}", ["countries"] = new JsonArray(Nationalities[random.Next(Nationalities.Length)]) },
        };
    }

    // Every read, live and as of each moment, whole and narrowed to a nationality; the live tallies without their "now".
    internal static async Task<Dictionary<string, string>> AnswersAsync(HttpClient client, string[] slugs)
    {
        var answers = new Dictionary<string, string>();
        foreach (var slug in slugs)
        foreach (var moment in Moments.Select(m => $"asOf={Uri.EscapeDataString(m)}").Append(""))
        foreach (var country in new[] { "", "&country=GB" })
        {
            var query = $"?{moment}{country}";
            foreach (var view in new[] { "tallies", "countries", "timeline" })
            {
                var body = await client.GetStringAsync($"/api/incidents/{slug}/{view}{query}");
                answers[$"{slug}/{view}{query}"] = view == "tallies" ? JsonNode.Parse(body)!["tallies"]!.ToJsonString() : body;
            }
        }
        return answers;
    }
}
