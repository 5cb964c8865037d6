using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Fuzz;

/// <summary>
/// Thousands of random and mutated report bodies and CSV files thrown at the write API and import: never a 500,
/// never a partial write, and every refusal a 400 (or 413) with ProblemDetails.
/// </summary>
public class HostileInputTests : IClassFixture<DashboardFactory>
{
    private static readonly string[] Fields =
    [
        "id", "reportedAt", "statement", "note", "source", "figures", "event", "people",
        "source.name", "source.kind", "figures[0].group", "figures[0].status", "figures[0].scope",
        "figures[0].organisation", "figures[0].count", "figures[0].qualifier", "event.at", "event.title", "event.countries",
    ];

    private static readonly Gen<JsonNode?> AnyValue = Gen.OneOf<JsonNode?>(
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null),
        Gen.Const<JsonNode?>(new JsonArray()),
        Gen.Const<JsonNode?>(new JsonObject()),
        Gen.Const<JsonNode?>(JsonValue.Create("<script>alert('x')</script>'; DROP TABLE Reports; --")),
        Gen.Const<JsonNode?>(JsonValue.Create("\u0000\u0007\u001b[31m\ud800")),
        Gen.Const<JsonNode?>(JsonValue.Create(new string('x', 5000))),
        Gen.Const<JsonNode?>(JsonValue.Create(-1)),
        Gen.Const<JsonNode?>(JsonValue.Create(long.MaxValue)));

    private readonly DashboardFactory _app;

    public HostileInputTests(DashboardFactory app) => _app = app;

    // The bench's fuzz suite runs these same tests at a larger scale and collects what they saw.
    private static int Iterations(string variable, int usual) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var n) && n > 0 ? n : usual;

    private static void Report(string what, System.Collections.Concurrent.ConcurrentDictionary<int, int> byStatus)
    {
        if (Environment.GetEnvironmentVariable("DASHBOARD_FUZZ_REPORT") is { Length: > 0 } path)
            File.AppendAllText(path, $"{what}: {byStatus.Values.Sum()} sent, by status {string.Join(" ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))}\n");
    }

    private static string Mutate(int kind, int field, JsonNode? value, int cut, string noise)
    {
        var report = ApiClient.ValidReport();
        report["event"] = new JsonObject { ["at"] = "2013-01-18T12:00:00+01:00", ["title"] = "t", ["countries"] = new JsonArray("GB") };
        var path = Fields[field % Fields.Length];
        switch (kind)
        {
            case 0: Set(report, path, value); break;
            case 1: Remove(report, path); break;
            case 2: report[$"unknown{field}"] = value?.DeepClone(); break;
            case 3:
                var deep = (JsonNode)new JsonArray();
                for (var i = 0; i < 100 + field; i++) deep = new JsonArray(deep);
                Set(report, path, deep);
                break;
        }
        var text = report.ToJsonString();
        return kind switch
        {
            4 => text[..Math.Min(cut, text.Length)],
            5 => text.Insert(Math.Min(cut, text.Length), noise),
            6 => noise,
            _ => text,
        };
    }

    private static void Set(JsonObject report, string path, JsonNode? value)
    {
        var (parent, name) = Navigate(report, path);
        if (parent is JsonObject target)
            target[name] = value?.DeepClone();
    }

    private static void Remove(JsonObject report, string path)
    {
        var (parent, name) = Navigate(report, path);
        (parent as JsonObject)?.Remove(name);
    }

    private static (JsonNode? Parent, string Name) Navigate(JsonObject report, string path)
    {
        var parts = path.Split('.');
        JsonNode? node = report;
        foreach (var part in parts[..^1])
            node = part.EndsWith("[0]") ? node?[part[..^3]]?.AsArray().FirstOrDefault() : node?[part];
        return (node, parts[^1]);
    }

    [Fact]
    public async Task Random_and_mutated_report_bodies_never_cause_a_500_or_a_partial_write()
    {
        var incident = await _app.CreateIncidentAsync();
        var writer = _app.CreateWriter();
        var created = 0;
        var byStatus = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        await Gen.Select(Gen.Int[0, 6], Gen.Int[0, 100], AnyValue, Gen.Int[0, 600], Gen.String)
            .SampleAsync(async (kind, field, value, cut, noise) =>
            {
                var body = Mutate(kind, field, value, cut, noise);
                var response = await writer.PostAsync($"/api/incidents/{incident.Slug}/reports", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge,
                    $"{(int)response.StatusCode} for {body[..Math.Min(body.Length, 300)]}");
                byStatus.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                    Interlocked.Increment(ref created);
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.NotEmpty((await response.JsonAsync())["errors"]!.AsObject());
                }
            }, iter: Iterations("DASHBOARD_FUZZ_BODIES", 2000), threads: 1);

        Report("report bodies", byStatus);
        Assert.Equal(created, await _app.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task Random_and_mutated_csv_files_import_all_or_nothing_and_never_cause_a_500()
    {
        var incident = await _app.CreateIncidentAsync();
        var writer = _app.CreateWriter();
        var good = """
            reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier
            {0}-1,2013-01-18T18:00:00+01:00,Press,media,"Twelve dead, it says.",hostages,killed,all,,12,provisional
            {0}-1,2013-01-18T18:00:00+01:00,Press,media,"Twelve dead, it says.",militants,killed,all,,18,provisional
            {0}-2,2013-01-19T20:00:00+01:00,Ministry,government,Totals.,hostages,freed,DZ,,685,exact
            """;
        int imported = 0, refused = 0;
        var byStatus = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        await Gen.Select(Gen.Int[0, 4], Gen.Int[0, 200], Gen.String, Gen.Int[0, 10_000])
            .SampleAsync(async (kind, position, noise, salt) =>
            {
                var csv = string.Format(good, $"fz{salt}");
                csv = kind switch
                {
                    0 => csv,
                    1 => csv.Insert(Math.Min(position, csv.Length), noise),
                    2 => csv[..Math.Min(position, csv.Length)],
                    3 => csv.Replace(",12,", $",{noise},"),
                    _ => noise,
                };
                var before = await _app.Situation.CountReportsAsync(incident.Slug);
                var response = await writer.PostAsync($"/api/incidents/{incident.Slug}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
                var after = await _app.Situation.CountReportsAsync(incident.Slug);

                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict,
                    $"{(int)response.StatusCode} for {csv[..Math.Min(csv.Length, 300)]}");
                byStatus.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var result = await response.JsonAsync();
                    Assert.Equal(before + (int)result["created"]!, after);
                    Interlocked.Increment(ref imported);
                }
                else
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.Equal(before, after);
                    Interlocked.Increment(ref refused);
                }
            }, iter: Iterations("DASHBOARD_FUZZ_FILES", 500), threads: 1);

        Report("csv files", byStatus);
        // Both ways through the import were taken: good files went in whole, damaged ones were refused whole.
        Assert.True(imported > 0, "No generated file was imported: the good file is never left intact.");
        Assert.True(refused > 0, "No generated file was refused: the mutations never damage the file.");
    }
}
