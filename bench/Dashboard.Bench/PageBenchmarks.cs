using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// The situation page in real chromium pages against the app as its own process: how long a committed write takes
/// to show on every open page, and what each open page (circuit) costs the server.
/// </summary>
public static class PageBenchmarks
{
    private const string KilledCount = "[data-tally-key='hostages/killed/all/'] .tally-count";

    public static async Task WriteToScreenAsync(Results results, int pageCount, int writes = 50, string? variant = null, params (string Name, string Value)[] environment)
    {
        var path = TempDatabase.NewPath($"pages-{pageCount}");
        try
        {
            await using var app = await AppProcess.StartAsync(path, environment);
            using var writer = app.CreateClient(withKey: true);
            var slug = await CreateIncidentAsync(writer, $"live-{pageCount}");
            await PostAsync(writer, slug, 0, 1);

            var (latencies, missed) = await WriteToPagesAsync(writer, app.Address, slug, pageCount, writes);
            var label = $"{pageCount} open page(s), {writes} writes" + (variant is null ? "" : $", {variant}");
            results.AddSamples("pages", label, "POST sent → new number on every page", latencies);
            results.Add("pages", label, "updates not seen within 5 s", missed, unit: "");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    /// <summary>
    /// Opens <paramref name="pageCount"/> pages of the incident on <paramref name="pagesOn"/>, then posts
    /// <paramref name="writes"/> reports through <paramref name="writer"/> (another instance, or the same one): per page and
    /// write, the time from sending the POST to the new number on the page, and how many were not seen within 5 s.
    /// </summary>
    public static async Task<(List<double> Latencies, int Missed)> WriteToPagesAsync(HttpClient writer, Uri pagesOn, string slug, int pageCount, int writes,
        TimeSpan pauseBetweenWrites = default)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);
        var pages = await OpenPagesAsync(browser, pagesOn, $"/incidents/{slug}", pageCount);
        var latencies = new List<double>();
        var missed = 0;
        for (var i = 1; i <= writes; i++)
        {
            var expected = 1000 + i;
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(WatchScript, new object[] { KilledCount, expected.ToString() })));
            var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await PostAsync(writer, slug, i, expected);
            foreach (var page in pages)
            {
                try
                {
                    var seen = await page.EvaluateAsync<double>("() => window.__waitSeen");
                    latencies.Add(seen - sent);
                }
                catch (PlaywrightException) { missed++; }
            }
            await Task.Delay(pauseBetweenWrites);
        }
        return (latencies, missed);
    }

    public static async Task MemoryPerCircuitAsync(Results results, int pageCount)
    {
        var path = TempDatabase.NewPath("circuits");
        try
        {
            await using var app = await AppProcess.StartAsync(path);
            using var writer = app.CreateClient(withKey: true);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);

            // One page first, so start-up costs (JIT, caches, the first circuit) are not charged to the fifty.
            var warm = await OpenPagesAsync(browser, app.Address, "/incidents/in-amenas", 1);
            await Task.Delay(3000);
            var heapBefore = await app.LiveHeapBytesAsync();
            var before = app.WorkingSetBytes();
            var pages = await OpenPagesAsync(browser, app.Address, Environment.GetEnvironmentVariable("BENCH_PAGE_PATH") ?? "/incidents/in-amenas", pageCount);
            await Task.Delay(5000);
            var heapAfter = await app.LiveHeapBytesAsync();
            var after = app.WorkingSetBytes();
            results.Add("circuits", $"{pageCount} open In Amenas pages", "live managed heap per open page (after full GC)",
                (heapAfter - heapBefore) / 1024.0 / pageCount, unit: $" KB ({heapBefore / 1024} → {heapAfter / 1024} KB in all)");
            results.Add("circuits", $"{pageCount} open In Amenas pages", "process working set per open page (includes GC slack)",
                (after - before) / 1024.0 / pageCount, unit: $" KB ({before / 1024 / 1024} → {after / 1024 / 1024} MB in all)");
            if (Environment.GetEnvironmentVariable("BENCH_HOLD_SECONDS") is { } hold)
            {
                Console.WriteLine($"  holding the pages open for {hold} s: app pid {app.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold)));
            }
            GC.KeepAlive(warm);
            GC.KeepAlive(pages);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    // Resolves with the page's clock when the watched number first reads the expected value.
    private const string WatchScript = """
        ([selector, expected]) => {
            window.__seen = undefined;
            const check = () => {
                const element = document.querySelector(selector);
                if (element && element.textContent.trim() === expected && window.__seen === undefined) {
                    window.__seen = Date.now();
                    observer.disconnect();
                }
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            window.__waitSeen = new Promise((resolve, reject) => {
                const started = Date.now();
                const poll = () => window.__seen !== undefined ? resolve(window.__seen)
                    : Date.now() - started > 5000 ? reject(new Error('not seen')) : setTimeout(poll, 5);
                poll();
            });
        }
        """;

    /// <summary>Open situation pages held for a benchmark that does something else meanwhile.</summary>
    public sealed class OpenPages(IPlaywright playwright, IBrowser browser, List<IPage> pages, AppProcess app) : IAsyncDisposable
    {
        /// <summary>How many pages show the same hostages-killed-in-GB count as the server does now.</summary>
        public async Task<int> CountShowingLatestAsync()
        {
            using var client = app.CreateClient();
            var tallies = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/incidents/in-amenas/tallies?country=GB"))!["tallies"]!.AsArray();
            var latest = tallies.First(t => (string?)t!["status"] == "killed")!["count"]!.ToString();
            await Task.Delay(1000);
            var showing = 0;
            foreach (var page in pages)
                if ((await page.Locator("[data-tally-key='hostages/killed/GB/'] .tally-count").TextContentAsync())?.Trim() == latest)
                    showing++;
            return showing;
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    public static async Task<OpenPages> OpenSituationPagesAsync(AppProcess app, string path, int count)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await BenchBrowser.LaunchAsync(playwright);
        return new OpenPages(playwright, browser, await OpenPagesAsync(browser, app.Address, path, count), app);
    }

    private static async Task<List<IPage>> OpenPagesAsync(IBrowser browser, Uri address, string path, int count)
    {
        var pages = new List<IPage>(count);
        for (var i = 0; i < count; i++)
            pages.Add(await BenchBrowser.OpenLiveAsync(browser, address, path));
        return pages;
    }

    public static async Task<string> CreateIncidentAsync(HttpClient writer, string slug)
    {
        var body = $$"""{"slug":"{{slug}}","name":"Bench {{slug}}","hostCountry":"DZ","startedAt":"2013-01-16T05:00:00+01:00","timeZone":"Africa/Algiers"}""";
        (await writer.PostAsync("/api/incidents", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return slug;
    }

    public static async Task PostAsync(HttpClient writer, string slug, int i, int count)
    {
        var body = $$"""
            {"id":"{{slug}}-{{i}}","reportedAt":"{{DateTimeOffset.Parse("2013-01-17T00:00:00+01:00").AddMinutes(i):yyyy-MM-ddTHH:mm:sszzz}}",
             "source":{"name":"Bench","kind":"media"},"statement":"Bench.",
             "figures":[{"group":"hostages","status":"killed","scope":"all","count":{{count}},"qualifier":"exact"}]}
            """;
        (await writer.PostAsync($"/api/incidents/{slug}/reports", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}
