using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// The published app under the crisis room's load: two hundred live situation pages while a report arrives every
/// second, and one very big incident (1 M figures, 10 k timeline events) opened and stepped through in time.
/// </summary>
public static class ScaleBenchmarks
{
    private const string KilledCount = "[data-tally-key='hostages/killed/all/'] .tally-count";

    public static async Task OpenScreensAsync(Results results, int pageCount, int browsers, TimeSpan duration)
    {
        var path = TempDatabase.NewPath("screens");
        try
        {
            await using var app = await AppProcess.StartAsync(path);
            using var writer = app.CreateClient(withKey: true);
            using var playwright = await Playwright.CreateAsync();
            var launched = new List<IBrowser>();
            for (var b = 0; b < browsers; b++)
                launched.Add(await BenchBrowser.LaunchAsync(playwright));

            var warm = await BenchBrowser.OpenLiveAsync(launched[0], app.Address, "/incidents/in-amenas", reducedMotion: true, timeoutMs: 60_000);
            await Task.Delay(2000);
            var heapBefore = await app.LiveHeapBytesAsync();
            var open = Stopwatch.StartNew();
            var pages = new List<IPage>(pageCount);
            for (var i = 0; i < pageCount; i++)
                pages.Add(await BenchBrowser.OpenLiveAsync(launched[i % browsers], app.Address, "/incidents/in-amenas", reducedMotion: true, timeoutMs: 60_000));
            Console.WriteLine($"  {pageCount} pages open after {open.Elapsed.TotalSeconds:F0} s");
            await Task.Delay(5000);
            var heapAfter = await app.LiveHeapBytesAsync();
            results.Add("screens", $"{pageCount} live In Amenas pages", "live managed heap per open page (after full GC)",
                (heapAfter - heapBefore) / 1024.0 / pageCount, unit: $" KB ({heapBefore / 1024} → {heapAfter / 1024} KB in all)");

            // Each page notes when it first shows each new count; the bench only writes, once a second, and reads the
            // pages' notes at the end, so measuring adds no work to the pages while they update.
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(RecordScript, KilledCount)));
            var sentAt = new Dictionary<string, double>();
            var commandsPerWrite = new List<double>();
            var cpuBefore = app.CpuTime();
            var wall = Stopwatch.StartNew();
            var writes = 0;
            while (wall.Elapsed < duration)
            {
                var tick = Stopwatch.StartNew();
                var expected = 5000 + writes;
                var commandsBefore = await CommandsAsync(writer);
                sentAt[expected.ToString()] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                await PostAsync(writer, writes, expected);
                commandsPerWrite.Add(await CommandsAsync(writer) - commandsBefore);
                writes++;
                if (tick.Elapsed < TimeSpan.FromSeconds(1))
                    await Task.Delay(TimeSpan.FromSeconds(1) - tick.Elapsed);
            }
            var cpuWall = wall.Elapsed;
            var cpuUsed = app.CpuTime() - cpuBefore;
            await Task.Delay(5000);
            var latencies = new List<double>();
            var missed = 0;
            foreach (var page in pages)
            {
                var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__seenAt");
                foreach (var (count, sent) in sentAt)
                    if (seen.TryGetValue(count, out var at)) latencies.Add(at - sent); else missed++;
            }
            var cpu = cpuUsed;
            var label = $"{pageCount} live pages, 1 report/s for {duration.TotalSeconds:F0} s";
            results.AddSamples("screens", label, "POST sent → new number seen in each page", latencies);
            results.Add("screens", label, "counts a page never showed (it was behind and skipped to a later one)", missed, unit: $" of {writes * pageCount}");
            results.Add("screens", label, "server CPU (share of one core)", 100 * cpu.TotalSeconds / cpuWall.TotalSeconds, unit: " %");
            results.Add("screens", label, "SQL commands per write, whatever the number of pages", commandsPerWrite.Average(), unit: $" (min {commandsPerWrite.Min()}, max {commandsPerWrite.Max()})");
            results.Note($"screens: {pageCount} pages in {browsers} chromium processes on the same 2 cores as the server; the pages' own rendering competes with the server, so the latencies are an upper bound");
            GC.KeepAlive(warm);
            foreach (var browser in launched)
                await browser.DisposeAsync();
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    public static async Task BigIncidentAsync(Results results, int figures)
    {
        var path = TempDatabase.NewPath("big");
        try
        {
            await SyntheticIncident.WriteAsync(path, figures);

            await using var app = await AppProcess.StartAsync(path);
            using var http = app.CreateClient();
            await http.GetStringAsync("/api/incidents/synthetic/countries"); // the picture is loaded once per process
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);

            var content = new List<double>();
            var live = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                var context = await browser.NewContextAsync(new() { BaseURL = app.Address.ToString(), ViewportSize = new() { Width = 1920, Height = 1080 } });
                var page = await context.NewPageAsync();
                var watch = Stopwatch.StartNew();
                await page.GotoAsync("/incidents/synthetic", new() { WaitUntil = WaitUntilState.Commit });
                await page.Locator(".tally-count").First.WaitForAsync(new() { Timeout = 60_000 });
                var seen = watch.Elapsed.TotalMilliseconds;
                await page.Locator("#interactive-marker[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                if (i > 0) // the first includes the browser's own start-up
                {
                    content.Add(seen);
                    live.Add(watch.Elapsed.TotalMilliseconds);
                }
                if (i < 5)
                    await context.CloseAsync();
            }
            results.AddSamples("big incident", $"{figures:N0} figures, {figures / SyntheticIncident.FiguresPerReport:N0} events", "first render: navigation → headline cards on screen", content);
            results.AddSamples("big incident", $"{figures:N0} figures, {figures / SyntheticIncident.FiguresPerReport:N0} events", "first render: navigation → page live (circuit connected)", live);

            // Twenty steps to moments never shown before, by clicking along the as-of slider: each is computed afresh
            // over all million figures. Timed inside the page, from the slider's change event to the moment the
            // "not live" banner names the new moment, so the test driver's own click handling is not counted.
            var stepPage = browser.Contexts[^1].Pages[0];
            var slider = stepPage.Locator(".as-of-control input[type=range]");
            var box = (await slider.BoundingBoxAsync())!;
            await stepPage.EvaluateAsync(StepTimerScript);
            var steps = new List<double>();
            var driven = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var before = await stepPage.EvaluateAsync<string>("() => document.querySelector('.past-banner')?.textContent ?? ''");
                await stepPage.EvaluateAsync("() => { window.__changedAt = undefined; window.__shownAt = undefined; }");
                var watch = Stopwatch.StartNew();
                await slider.ClickAsync(new() { Position = new() { X = (float)(box.Width * (i + 1) / 22.0), Y = (float)(box.Height / 2) } });
                await stepPage.WaitForFunctionAsync(
                    "before => { const b = document.querySelector('.past-banner'); return b && b.textContent !== before && window.__shownAt !== undefined; }",
                    before, new() { PollingInterval = 5, Timeout = 10_000 });
                driven.Add(watch.Elapsed.TotalMilliseconds);
                steps.Add(await stepPage.EvaluateAsync<double>("() => window.__shownAt - window.__changedAt"));
            }
            results.AddSamples("big incident", $"{figures:N0} figures, {figures / SyntheticIncident.FiguresPerReport:N0} events", "as-of step as the test driver sees it (its click included)", driven);
            results.AddSamples("big incident", $"{figures:N0} figures, {figures / SyntheticIncident.FiguresPerReport:N0} events", "as-of step: slider changed → the page shows that moment (timed in the page)", steps);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    // In the page: when the slider's value changed, and when the banner then first changed.
    private const string StepTimerScript = """
        () => {
            document.addEventListener('change', e => { if (e.target.matches('.as-of-control input[type=range]')) window.__changedAt = performance.now(); }, true);
            new MutationObserver(() => {
                if (window.__changedAt !== undefined && window.__shownAt === undefined) window.__shownAt = performance.now();
            }).observe(document.querySelector('.past-banner')?.parentElement ?? document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    // The app's own counter, as Prometheus scrapes it (the bench's client carries the API key /metrics asks for).
    private static async Task<long> CommandsAsync(HttpClient client) =>
        (long)double.Parse((await client.GetStringAsync("/metrics")).Split('\n')
            .First(line => line.StartsWith("dashboard_database_commands_total", StringComparison.Ordinal)).Split(' ')[^1],
            System.Globalization.CultureInfo.InvariantCulture);

    private static async Task PostAsync(HttpClient writer, int i, int count)
    {
        var body = $$"""
            {"id":"screens-{{i}}","reportedAt":"{{DateTimeOffset.Parse("2013-01-20T00:00:00+01:00").AddSeconds(i):yyyy-MM-ddTHH:mm:sszzz}}",
             "source":{"name":"Bench","kind":"media"},"statement":"Bench.",
             "figures":[{"group":"hostages","status":"killed","scope":"all","count":{{count}},"qualifier":"exact"}]}
            """;
        (await writer.PostAsync("/api/incidents/in-amenas/reports", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    // Notes the page's clock the first time the watched element shows each text.
    private const string RecordScript = """
        selector => {
            window.__seenAt = {};
            const note = () => {
                const text = document.querySelector(selector)?.textContent.trim();
                if (text !== undefined && !(text in window.__seenAt)) window.__seenAt[text] = Date.now();
            };
            new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;
}
