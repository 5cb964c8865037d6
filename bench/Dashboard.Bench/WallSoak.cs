using System.Text;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// One wall left open with a report every ten seconds: is every update shown, and does memory (browser and server)
/// stay flat?
/// </summary>
public static class WallSoak
{
    private const string Count = "[data-tally-key='hostages/killed/all/'] .wall-count";

    public static async Task RunAsync(Results results, TimeSpan duration, TimeSpan interval)
    {
        var path = TempDatabase.NewPath("soak");
        try
        {
            await using var app = await AppProcess.StartAsync(path);
            using var writer = app.CreateClient(withKey: true);
            var body = """{"slug":"soak","name":"Soak","hostCountry":"DZ","startedAt":"2013-01-16T05:00:00+01:00","timeZone":"Africa/Algiers"}""";
            (await writer.PostAsync("/api/incidents", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            await PostAsync(writer, 0);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);
            var page = await BenchBrowser.OpenLiveAsync(browser, app.Address, "/wall/soak", 1920, 1080);
            var context = page.Context;
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");

            async Task<(double BrowserMb, double ServerHeapMb, double ServerRssMb)> MemoryAsync()
            {
                await cdp.SendAsync("HeapProfiler.collectGarbage");
                var metrics = await cdp.SendAsync("Performance.getMetrics");
                var used = metrics!.Value.GetProperty("metrics").EnumerateArray()
                    .First(m => m.GetProperty("name").GetString() == "JSHeapUsedSize").GetProperty("value").GetDouble();
                return (used / 1024 / 1024, await app.LiveHeapBytesAsync() / 1024.0 / 1024, app.WorkingSetBytes() / 1024.0 / 1024);
            }

            var start = await MemoryAsync();
            Console.WriteLine($"  soak start: browser JS heap {start.BrowserMb:F1} MB, server heap {start.ServerHeapMb:F1} MB, server RSS {start.ServerRssMb:F0} MB");
            var latencies = new List<double>();
            var missed = 0;
            var writes = 0;
            var until = DateTime.UtcNow + duration;
            var nextSample = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (DateTime.UtcNow < until)
            {
                var tick = DateTime.UtcNow;
                writes++;
                var sent = DateTimeOffset.UtcNow;
                await PostAsync(writer, writes);
                try
                {
                    await Assertions.Expect(page.Locator(Count)).ToHaveTextAsync((1000 + writes).ToString(), new() { Timeout = 5000 });
                    latencies.Add((DateTimeOffset.UtcNow - sent).TotalMilliseconds);
                }
                catch (PlaywrightException) { missed++; }
                if (DateTime.UtcNow >= nextSample)
                {
                    var m = await MemoryAsync();
                    Console.WriteLine($"  soak {writes} writes: browser JS heap {m.BrowserMb:F1} MB, server heap {m.ServerHeapMb:F1} MB, server RSS {m.ServerRssMb:F0} MB");
                    nextSample += TimeSpan.FromMinutes(5);
                }
                var wait = interval - (DateTime.UtcNow - tick);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
            }
            var end = await MemoryAsync();
            var label = $"one wall, {duration.TotalMinutes:F0} min, a report every {interval.TotalSeconds:F0} s";
            results.Add("soak", label, "reports written", writes, unit: "");
            results.Add("soak", label, "updates not shown on the wall within 5 s", missed, unit: "");
            results.AddSamples("soak", label, "POST sent → number on the wall (polled by the bench)", latencies);
            results.Add("soak", label, "browser JS heap start → end", end.BrowserMb - start.BrowserMb, unit: $" MB change ({start.BrowserMb:F1} → {end.BrowserMb:F1} MB)");
            results.Add("soak", label, "server live heap start → end", end.ServerHeapMb - start.ServerHeapMb, unit: $" MB change ({start.ServerHeapMb:F1} → {end.ServerHeapMb:F1} MB)");
            results.Add("soak", label, "server working set start → end", end.ServerRssMb - start.ServerRssMb, unit: $" MB change ({start.ServerRssMb:F0} → {end.ServerRssMb:F0} MB)");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    private static async Task PostAsync(HttpClient writer, int i)
    {
        var body = $$"""
            {"id":"soak-{{i}}","reportedAt":"{{DateTimeOffset.Parse("2013-01-17T00:00:00+01:00").AddSeconds(i):yyyy-MM-ddTHH:mm:sszzz}}",
             "source":{"name":"Soak","kind":"media"},"statement":"Soak.",
             "figures":[{"group":"hostages","status":"killed","scope":"all","count":{{1000 + i}},"qualifier":"exact"}]}
            """;
        (await writer.PostAsync("/api/incidents/soak/reports", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}
