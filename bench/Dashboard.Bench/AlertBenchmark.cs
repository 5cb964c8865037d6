using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Bench;

/// <summary>
/// Issue 27's targets: with 1,000 webhook subscriptions (20 for each of 50 nationalities), the time from a change's 201
/// to its webhooks arriving at a receiver in this process (p95 &lt; 1 s); and ingest with those subscriptions against
/// ingest without (no more than 10 % slower).
/// </summary>
public static class AlertBenchmark
{
    private static readonly string[] Countries = ["GB", "JP", "US", "NO", "FR", "PH", "MY", "RO", "CO", "AT", "IE", "DE", "IT", "ES", "PT",
        "NL", "BE", "DK", "SE", "FI", "PL", "CZ", "HU", "GR", "TR", "EG", "MA", "TN", "LY", "ML", "NE", "NG", "ZA", "KE", "IN", "PK",
        "BD", "CN", "KR", "ID", "TH", "VN", "AU", "NZ", "CA", "MX", "BR", "AR", "CL", "PE"];

    private static readonly (string, string) PlainHttpToBench = ("Alerts__AllowHttpHosts__0", "127.0.0.1");

    public static async Task RunAsync(Results results, int subscriptions = 1000)
    {
        // --subscriptions 0: ingest without any, alone (against an app from before alerts, with BENCH_APP).
        if (subscriptions > 0)
            await ChangeToWebhookAsync(results, subscriptions, TimeSpan.FromSeconds(60));
        // Alternated, so the machine's drift falls on both alike.
        for (var round = 1; round <= 2; round++)
        {
            await IngestAsync(results, 0, round);
            if (subscriptions > 0)
                await IngestAsync(results, subscriptions, round);
        }
    }

    private static async Task ChangeToWebhookAsync(Results results, int subscriptions, TimeSpan duration)
    {
        var path = TempDatabase.NewPath("alerts");
        try
        {
            await using var receiver = await Receiver.StartAsync();
            await using var app = await AppProcess.StartAsync(path, PlainHttpToBench);
            await CreateIncidentAsync(app);
            await SubscribeAsync(app, receiver, subscriptions);
            using var http = app.CreateClient(withKey: true);
            var acknowledged = new ConcurrentDictionary<string, long>();
            var stop = DateTime.UtcNow + duration;
            for (var i = 0; DateTime.UtcNow < stop; i++)
            {
                // Each a new headline for one nationality: its 20 subscriptions are each told once.
                var country = Countries[i % Countries.Length];
                var count = 1 + i / Countries.Length;
                using var response = await http.PostAsync($"/api/incidents/{Slug}/reports", Report($"{i}", country, count, i));
                if (response.StatusCode == HttpStatusCode.Created)
                    acknowledged[$"{country}:{count}"] = Stopwatch.GetTimestamp();
                await Task.Delay(100);
            }
            var expected = acknowledged.Count * (subscriptions / Countries.Length);
            var waitUntil = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (receiver.Arrivals.Count < expected && DateTime.UtcNow < waitUntil)
                await Task.Delay(100);

            var latencies = receiver.Arrivals.Where(a => acknowledged.ContainsKey(a.Key))
                .Select(a => Stopwatch.GetElapsedTime(acknowledged[a.Key], a.At).TotalMilliseconds).ToList();
            var label = $"{subscriptions:N0} webhook subscriptions, 1 change each 100 ms for {duration.TotalSeconds:F0} s";
            results.AddSamples("alerts", label, "change (201) → webhook received", latencies);
            results.Add("alerts", label, "webhooks received of those due", receiver.Arrivals.Count, unit: $" of {expected:N0}");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    /// <summary>
    /// 32 writers for 15 s, each report a later figure for one of the 50 nationalities, so every one moves a headline
    /// (and, with subscriptions, is due to 20 of them): reports acknowledged per second and the POST latency.
    /// </summary>
    private static async Task IngestAsync(Results results, int subscriptions, int round)
    {
        var path = TempDatabase.NewPath("alerts-ingest");
        try
        {
            await using var receiver = await Receiver.StartAsync();
            await using var app = await AppProcess.StartAsync(path, PlainHttpToBench);
            await CreateIncidentAsync(app);
            if (subscriptions > 0)
                await SubscribeAsync(app, receiver, subscriptions);
            long acknowledged = 0;
            var latencies = new List<double>();
            var stop = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 32).Select(async w =>
            {
                using var http = app.CreateClient(withKey: true);
                var local = new List<double>();
                for (var i = 0; DateTime.UtcNow < stop; i++)
                {
                    var sent = Stopwatch.StartNew();
                    using var response = await http.PostAsync($"/api/incidents/{Slug}/reports", Report($"w{w}-{i}", Countries[(w * 7 + i) % Countries.Length], i + 1, w * 100_000 + i));
                    local.Add(sent.Elapsed.TotalMilliseconds);
                    if (response.StatusCode == HttpStatusCode.Created)
                        Interlocked.Increment(ref acknowledged);
                }
                lock (latencies) latencies.AddRange(local);
            }));
            var seconds = watch.Elapsed.TotalSeconds;
            var label = $"32 writers, 15 s, every report a headline move, {(subscriptions == 0 ? "no subscriptions" : $"{subscriptions:N0} webhook subscriptions")}, round {round}";
            results.Add("alerts", label, "reports acknowledged (201) per second", acknowledged / seconds, unit: "/s");
            results.AddSamples("alerts", label, "POST latency", latencies);
            if (subscriptions > 0)
                results.Add("alerts", label, "webhooks received by the end of the writes", receiver.Arrivals.Count, unit: "");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    private const string Slug = "alert-bench";

    private static async Task CreateIncidentAsync(AppProcess app)
    {
        using var http = app.CreateClient(withKey: true);
        using var response = await http.PostAsync("/api/incidents", new StringContent(
            $$"""{"slug":"{{Slug}}","name":"Alert bench","hostCountry":"DZ","timeZone":"Africa/Algiers","startedAt":"2013-01-16T05:00:00+01:00"}""",
            Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating the bench incident refused: {(int)response.StatusCode}");
    }

    // A later moment for each later report, so each becomes its nationality's headline.
    private static StringContent Report(string id, string country, int count, int second)
    {
        var at = new DateTimeOffset(2013, 1, 16, 6, 0, 0, TimeSpan.FromHours(1)).AddSeconds(second).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        return new StringContent($$"""
            {"id":"alert-bench-{{id}}","reportedAt":"{{at}}","source":{"name":"Bench","kind":"media"},
             "statement":"Bench report.","figures":[{"group":"hostages","status":"killed","scope":"{{country}}","count":{{count}},"qualifier":"exact"}]}
            """, Encoding.UTF8, "application/json");
    }

    private static async Task SubscribeAsync(AppProcess app, Receiver receiver, int subscriptions)
    {
        using var http = app.CreateClient(withKey: true);
        await Parallel.ForEachAsync(Enumerable.Range(0, subscriptions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var body = new JsonObject
            {
                ["incident"] = Slug, ["countries"] = new JsonArray(Countries[i % Countries.Length]), ["channel"] = "webhook",
                ["url"] = new Uri(receiver.Address, $"/hook/{i}").AbsoluteUri,
            };
            using var response = await http.PostAsync("/api/subscriptions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"Subscribing refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        });
    }

    /// <summary>A webhook receiver in the bench's process: when each alert arrived, keyed by its nationality and new count.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Key, long At)> Arrivals { get; } = new();
        public Uri Address => new(_app.Urls.First());

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook/{n}", async (HttpRequest request) =>
            {
                var at = Stopwatch.GetTimestamp();
                var change = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!["data"]!["changes"]![0]!;
                receiver.Arrivals.Enqueue(($"{change["scope"]}:{change["to"]!["count"]}", at));
                return Microsoft.AspNetCore.Http.Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
