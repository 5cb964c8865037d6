using System.Diagnostics;
using System.Net;
using System.Text;
using Dashboard.Situation;
using Microsoft.Data.Sqlite;

namespace Dashboard.Bench;

/// <summary>The situation core's figures: read latency by incident size, ingest rate, and the cost of subscribers.</summary>
public static class CoreBenchmarks
{
    public static async Task ReadsAsync(Results results, int figures)
    {
        var path = TempDatabase.NewPath($"reads-{figures}");
        try
        {
            await SyntheticIncident.WriteAsync(path, figures);

            var random = new Random(7);
            DateTimeOffset RandomMoment() => SyntheticIncident.End - TimeSpan.FromMinutes(random.Next(1, 4 * 24 * 60));
            var gb = CountryFilter.Of(["GB"]);

            await using (var local = await LocalSituation.OpenAsync(path))
            {
                var service = local.Service;
                var cold = Stopwatch.StartNew();
                await service.GetSituationAsync("synthetic");
                results.Add("reads", $"{figures:N0} figures", "first load into memory (once per process)", cold.Elapsed.TotalMilliseconds);
                var process = Process.GetCurrentProcess();
                GC.Collect();
                results.Note($"{figures:N0} figures: in-process heap after load {GC.GetTotalMemory(true) / 1024 / 1024} MB");

                results.AddSamples("reads", $"{figures:N0} figures", "service: tallies, live",
                    await Stats.TimeAsync(500, _ => service.GetTalliesAsync("synthetic", null, CountryFilter.None)));
                results.AddSamples("reads", $"{figures:N0} figures", "service: tallies, as of a random moment",
                    await Stats.TimeAsync(60, _ => service.GetTalliesAsync("synthetic", RandomMoment(), CountryFilter.None)));
                results.AddSamples("reads", $"{figures:N0} figures", "service: countries, as of a random moment",
                    await Stats.TimeAsync(60, _ => service.GetCountriesAsync("synthetic", RandomMoment(), CountryFilter.None)));
                results.AddSamples("reads", $"{figures:N0} figures", "service: timeline GB, as of a random moment",
                    await Stats.TimeAsync(60, _ => service.GetTimelineAsync("synthetic", RandomMoment(), gb)));
            }

            await using var app = await AppProcess.StartAsync(path);
            using var http = app.CreateClient();
            await http.GetStringAsync("/api/incidents/synthetic/tallies");
            long bytes = 0;
            results.AddSamples("reads", $"{figures:N0} figures", "HTTP: tallies, live (all keys)",
                await Stats.TimeAsync(100, async _ => bytes = (await http.GetByteArrayAsync("/api/incidents/synthetic/tallies")).Length));
            results.Note($"{figures:N0} figures: the full live tallies document is {bytes / 1024} KB");
            // The same document to a client that takes gzip: kept compressed per version, inflated by the client.
            using var gzipping = app.CreateClient(gzip: true);
            await gzipping.GetByteArrayAsync("/api/incidents/synthetic/tallies");
            results.AddSamples("reads", $"{figures:N0} figures", "HTTP: tallies, live (all keys), gzip (inflated by the client)",
                await Stats.TimeAsync(100, _ => gzipping.GetByteArrayAsync("/api/incidents/synthetic/tallies")));
            using (var asking = new HttpRequestMessage(HttpMethod.Get, "/api/incidents/synthetic/tallies"))
            {
                asking.Headers.AcceptEncoding.ParseAdd("gzip");
                using var gzipped = await http.SendAsync(asking);
                results.Note($"{figures:N0} figures: gzipped it is {(await gzipped.Content.ReadAsByteArrayAsync()).Length / 1024} KB on the wire ({gzipped.Content.Headers.ContentEncoding.FirstOrDefault() ?? "not compressed"})");
            }
            // A poller that keeps the document's ETag is answered 304 until the next write.
            var etag = (await http.GetAsync("/api/incidents/synthetic/tallies")).Headers.ETag;
            results.AddSamples("reads", $"{figures:N0} figures", "HTTP: tallies, live, If-None-Match its ETag (304)",
                await Stats.TimeAsync(200, async _ =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents/synthetic/tallies");
                    if (etag is not null)
                        request.Headers.IfNoneMatch.Add(etag);
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.NotModified)
                        throw new InvalidOperationException($"Expected 304, got {(int)response.StatusCode}");
                }));
            results.AddSamples("reads", $"{figures:N0} figures", "HTTP: tallies, live, country=GB",
                await Stats.TimeAsync(200, _ => http.GetByteArrayAsync("/api/incidents/synthetic/tallies?country=GB")));
            results.AddSamples("reads", $"{figures:N0} figures", "HTTP: tallies, random as-of, country=GB",
                await Stats.TimeAsync(60, _ => http.GetByteArrayAsync($"/api/incidents/synthetic/tallies?country=GB&asOf={Uri.EscapeDataString(RandomMoment().ToString("O"))}")));
            results.AddSamples("reads", $"{figures:N0} figures", "HTTP: countries, live",
                await Stats.TimeAsync(200, _ => http.GetByteArrayAsync("/api/incidents/synthetic/countries")));
            results.AddSamples("reads", $"{figures:N0} figures", "HTTP: timeline GB, random as-of",
                await Stats.TimeAsync(60, _ => http.GetByteArrayAsync($"/api/incidents/synthetic/timeline?country=GB&asOf={Uri.EscapeDataString(RandomMoment().ToString("O"))}")));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    public static async Task IngestAsync(Results results, int writers, TimeSpan duration, int openPages = 0, string? variant = null,
        params (string Name, string Value)[] environment)
    {
        var path = TempDatabase.NewPath("ingest");
        try
        {
            long acknowledged;
            int seeded;
            var label = $"{writers} writers, {duration.TotalSeconds:F0} s" + (openPages > 0 ? $", {openPages} pages open" : "") + (variant is null ? "" : $", {variant}");
            await using (var app = await AppProcess.StartAsync(path, environment))
            {
                using var probe = app.CreateClient();
                seeded = await CountRowsAsync(path);
                await using var pages = openPages > 0 ? await PageBenchmarks.OpenSituationPagesAsync(app, "/incidents/in-amenas", openPages) : null;
                (acknowledged, var seconds, var latencies) = await WriteReportsAsync([app], writers, duration, "ingest");
                results.Add("ingest", label, "reports acknowledged (201) per second", acknowledged / seconds, unit: "/s");
                results.AddSamples("ingest", label, "POST latency", latencies);
                if (pages is not null)
                    results.Add("ingest", label, "open pages still live and showing the latest count at the end", await pages.CountShowingLatestAsync(), unit: $" of {openPages}");
            }
            var stored = await CountRowsAsync(path) - seeded;
            results.Add("ingest", label, "acknowledged reports missing after stop", acknowledged - stored, unit: "");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    /// <summary>
    /// <paramref name="writers"/> clients, spread over <paramref name="apps"/>, each posting one report after another to In
    /// Amenas for <paramref name="duration"/>: how many were acknowledged (201), in how long, and every POST's latency.
    /// </summary>
    public static async Task<(long Acknowledged, double Seconds, List<double> Latencies)> WriteReportsAsync(
        IReadOnlyList<AppProcess> apps, int writers, TimeSpan duration, string idPrefix, IReadOnlyList<string>? incidents = null)
    {
        incidents ??= ["in-amenas"];
        long acknowledged = 0;
        var latencies = new List<double>();
        var stop = DateTime.UtcNow + duration;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            using var client = apps[w % apps.Count].CreateClient(withKey: true);
            var local = new List<double>();
            for (var i = 0; DateTime.UtcNow < stop; i++)
            {
                var body = $$"""
                    {"id":"{{idPrefix}}-{{w}}-{{i}}","reportedAt":"2013-01-19T12:00:00+01:00","source":{"name":"Bench writer {{w}}","kind":"media"},
                     "statement":"Bench report.","figures":[{"group":"hostages","status":"killed","scope":"GB","count":{{i % 50}},"qualifier":"exact"}]}
                    """;
                var sent = Stopwatch.StartNew();
                using var response = await client.PostAsync($"/api/incidents/{incidents[w % incidents.Count]}/reports", new StringContent(body, Encoding.UTF8, "application/json"));
                local.Add(sent.Elapsed.TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.Created)
                    Interlocked.Increment(ref acknowledged);
            }
            lock (latencies) latencies.AddRange(local);
        }));
        return (acknowledged, watch.Elapsed.TotalSeconds, latencies);
    }

    private static async Task<int> CountRowsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Reports";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    public static async Task SubscribersAsync(Results results)
    {
        var path = TempDatabase.NewPath("subscribers");
        try
        {
            await using var local = await LocalSituation.OpenAsync(path);
            foreach (var listeners in new[] { 0, 1, 100, 1000 })
            {
                var incident = await local.CreateIncidentAsync($"subscribers-{listeners}");
                await local.Service.GetSituationAsync(incident.Slug);
                const int changes = 50;
                var seen = new CountdownEvent(listeners * changes);
                var subscriptions = Enumerable.Range(0, listeners).Select(_ => local.Service.Subscribe(incident.Slug, _ =>
                {
                    // What an open screen does on a change: read the situation it shows.
                    local.Service.GetSituationAsync(incident.Slug).GetAwaiter().GetResult();
                    seen.Signal();
                })).ToArray();

                var before = local.Commands.Executed;
                for (var i = 0; i < changes; i++)
                {
                    await local.Service.SubmitAsync(incident, [SyntheticIncident.Reports(100, seed: i).First() with { Id = $"sub-{listeners}-{i}" }], LocalSituation.Bench);
                }
                if (!seen.Wait(TimeSpan.FromSeconds(60)))
                    throw new TimeoutException("Listeners did not all hear every change.");
                var perChange = (double)(local.Commands.Executed - before) / changes;
                results.Add("subscribers", $"{listeners} listeners", "database commands per change (the write included)", perChange, unit: "");
                foreach (var s in subscriptions) s.Dispose();
            }
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }
}
