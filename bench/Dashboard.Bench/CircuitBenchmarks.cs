using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Dashboard.Bench.Headless;

namespace Dashboard.Bench;

/// <summary>
/// Thousands of live screens held by the published app, opened by the headless circuit client (no browser, so they fit
/// beside the server on the same cores): situation pages on one incident or spread over several, one screen in ten a
/// wall, one report written a second. Per run: time to open them all, circuit start failures, POST sent → first render
/// batch carrying the new count on each circuit, counts never delivered, server CPU, live heap per circuit, and
/// circuits lost while held.
/// </summary>
public static class CircuitBenchmarks
{
    private const int OpeningAtOnce = 32;
    private const int FirstCount = 100_000;

    /// <param name="Query">The situation pages' query (<c>overTime=open</c>: the charts drawn), or empty.</param>
    public sealed record Spread(int Screens, int Incidents, bool Walls, string Query = "")
    {
        public override string ToString() =>
            $"{Screens:N0} screens on {(Incidents == 1 ? "one incident" : $"{Incidents} incidents")}{(Walls ? ", one in ten a wall" : "")}{(Query.Length > 0 ? $", pages at ?{Query}" : "")}";
    }

    public static async Task LiveScreensAsync(Results results, Spread spread, TimeSpan hold, params (string Name, string Value)[] environment)
    {
        var path = TempDatabase.NewPath($"circuits-{spread.Screens}");
        try
        {
            await using var app = await AppProcess.StartAsync(path, environment);
            using var http = app.CreateClient(withKey: true);
            var slugs = await IncidentsAsync(http, spread.Incidents);
            var watch = new CountWatch((int)hold.TotalSeconds + 10);
            var label = spread + $", 1 report/s for {hold.TotalMinutes:0.#} min";

            // Start-up costs (JIT, caches, the first circuits) are not charged to the screens measured.
            await using (var warm = await HeadlessCircuit.OpenAsync(app.Address, await PageMarkers.FetchAsync(http, Page(app, slugs[0], wall: false, spread.Query)), http, watch, TimeSpan.FromSeconds(60))) { }
            await Task.Delay(2000);
            var heapBefore = await app.LiveHeapBytesAsync();

            var opening = Stopwatch.StartNew();
            var (circuits, failures) = await OpenAllAsync(app, http, slugs, spread, watch);
            var openTime = opening.Elapsed;
            Console.WriteLine($"  {circuits.Count:N0} circuits open after {openTime.TotalSeconds:F0} s, {failures.Count} failed");
            results.Add("circuits", label, "time to open them all", openTime.TotalSeconds, unit: $" s ({OpeningAtOnce} opening at a time)");
            results.Add("circuits", label, "circuit start failures", failures.Count, unit: failures.Count == 0 ? "" : $" (first: {failures.First()})");

            await Task.Delay(5000);
            var heapAfter = await app.LiveHeapBytesAsync();
            results.Add("circuits", label, "live managed heap per circuit (after full GC)",
                (heapAfter - heapBefore) / 1024.0 / Math.Max(1, circuits.Count), unit: $" KB ({heapBefore / 1024 / 1024:N0} → {heapAfter / 1024 / 1024:N0} MB in all)");

            var cpuBefore = app.CpuTime();
            var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var held = Stopwatch.StartNew();
            var writes = 0;
            while (held.Elapsed < hold)
            {
                var tick = Stopwatch.StartNew();
                var slug = slugs[writes % slugs.Count];
                watch.Sending(writes, FirstCount + writes);
                await PostAsync(http, slug, writes, FirstCount + writes);
                writes++;
                if (writes % 60 == 0)
                    Console.WriteLine($"  {writes} writes, {circuits.Count(c => c.Circuit.IsClosed)} circuits lost so far");
                if (tick.Elapsed < TimeSpan.FromSeconds(1))
                    await Task.Delay(TimeSpan.FromSeconds(1) - tick.Elapsed);
            }
            var serverCpu = (app.CpuTime() - cpuBefore) / held.Elapsed;
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore) / held.Elapsed;
            await Task.Delay(5000);

            var latencies = new List<double>();
            var undelivered = 0;
            var expected = 0;
            foreach (var (circuit, slug) in circuits)
                for (var write = 0; write < writes; write++)
                {
                    if (slugs[write % slugs.Count] != slug)
                        continue;
                    expected++;
                    if (circuit.Seen[write] is var seenAt and > 0)
                        latencies.Add(Stopwatch.GetElapsedTime(watch.SentAt(write), seenAt).TotalMilliseconds);
                    else
                        undelivered++;
                }
            var lost = circuits.Where(c => c.Circuit.IsClosed).ToArray();
            results.AddSamples("circuits", label, "POST sent → first render batch with the new count, per circuit", latencies);
            results.Add("circuits", label, "counts never delivered", undelivered, unit: $" of {expected:N0}");
            results.Add("circuits", label, "circuits lost while held", lost.Length, unit: lost.Length == 0 ? "" : $" (first: {lost[0].Circuit.Failure})");
            results.Add("circuits", label, "server CPU (share of one core)", 100 * serverCpu, unit: " %");
            results.Add("circuits", label, "headless client CPU (share of one core)", 100 * clientCpu, unit: " %");
            results.Add("circuits", label, "server resident memory", app.ResidentMemory().CurrentBytes / 1024.0 / 1024, unit: " MB");
            results.Add("circuits", label, "render batch bytes per circuit per write",
                circuits.Sum(c => c.Circuit.BatchBytes) / (double)Math.Max(1, expected), unit: " B (first render included)");

            await Parallel.ForEachAsync(circuits, new ParallelOptions { MaxDegreeOfParallelism = OpeningAtOnce }, async (c, _) => await c.Circuit.DisposeAsync());
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    private static async Task<(List<(HeadlessCircuit Circuit, string Slug)> Circuits, ConcurrentBag<string> Failures)> OpenAllAsync(
        AppProcess app, HttpClient http, IReadOnlyList<string> slugs, Spread spread, CountWatch watch)
    {
        var circuits = new ConcurrentBag<(HeadlessCircuit, string)>();
        var failures = new ConcurrentBag<string>();
        var markers = new ConcurrentDictionary<Uri, Lazy<Task<PageMarkers>>>();
        async Task<PageMarkers> MarkersAsync(Uri page)
        {
            var current = markers.GetOrAdd(page, p => new(() => PageMarkers.FetchAsync(http, p)));
            if ((await current.Value).IsFresh)
                return await current.Value;
            markers.TryUpdate(page, new(() => PageMarkers.FetchAsync(http, page)), current);
            return await markers[page].Value;
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, spread.Screens), new ParallelOptions { MaxDegreeOfParallelism = OpeningAtOnce }, async (i, _) =>
        {
            var slug = slugs[i % slugs.Count];
            var page = Page(app, slug, wall: spread.Walls && i % 10 == 9, spread.Query);
            try
            {
                circuits.Add((await HeadlessCircuit.OpenAsync(app.Address, await MarkersAsync(page), http, watch, TimeSpan.FromSeconds(120)), slug));
            }
            catch (Exception e)
            {
                failures.Add(e.GetType().Name + ": " + e.Message);
            }
            if ((i + 1) % 1000 == 0)
                Console.WriteLine($"  {i + 1:N0} circuits asked for");
        });
        return (circuits.ToList(), failures);
    }

    private static Uri Page(AppProcess app, string slug, bool wall, string query = "") =>
        new(app.Address, wall ? $"/wall/{slug}" : $"/incidents/{slug}{(query.Length > 0 ? "?" + query : "")}");

    // In Amenas as seeded; further incidents carry the same reports, so that every screen shows a full dashboard.
    private static async Task<IReadOnlyList<string>> IncidentsAsync(HttpClient http, int count)
    {
        var slugs = new List<string> { "in-amenas" };
        var reports = await http.GetStringAsync("/api/incidents/in-amenas/export?format=json");
        for (var i = 1; i < count; i++)
        {
            var slug = await PageBenchmarks.CreateIncidentAsync(http, $"copy-{i}");
            // Report ids are unique across incidents.
            var copy = reports.Replace("\"id\":\"", $"\"id\":\"{slug}-");
            (await http.PostAsync($"/api/incidents/{slug}/import", new StringContent(copy, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            slugs.Add(slug);
        }
        return slugs;
    }

    private static async Task PostAsync(HttpClient http, string slug, int i, int count)
    {
        var body = $$"""
            {"id":"load-{{i}}","reportedAt":"{{DateTimeOffset.Parse("2013-01-20T00:00:00+01:00").AddSeconds(i):yyyy-MM-ddTHH:mm:sszzz}}",
             "source":{"name":"Bench","kind":"media"},"statement":"Bench.",
             "figures":[{"group":"hostages","status":"killed","scope":"all","count":{{count}},"qualifier":"exact"}]}
            """;
        (await http.PostAsync($"/api/incidents/{slug}/reports", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}
