using System.Diagnostics;
using Dashboard.Bench.Headless;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// The headless circuit client checked against real chromium pages on the same app: the same number of screens, the
/// same writes. Its latencies should be no higher than the browser's write-to-screen (it skips the DOM), its circuits
/// should be counted by the server as live screens, and its memory per screen should match a browser page's.
/// </summary>
public static class CircuitCrossCheck
{
    private static readonly TimeSpan RefreshWindowAndMargin = TimeSpan.FromMilliseconds(300);

    // Kestrel keeps a browser's idle HTTP connections (page, scripts, styles) for 130 s; measured before they go,
    // they are counted as the page's.
    private static readonly TimeSpan KeepAliveGone = TimeSpan.FromSeconds(140);

    public static async Task RunAsync(Results results, int screens, int writes, bool latencyOnly = false)
    {
        var label = $"{screens} screens, {writes} writes, browser and headless";
        var path = TempDatabase.NewPath("crosscheck");
        try
        {
            await using var app = await AppProcess.StartAsync(path);
            using var writer = app.CreateClient(withKey: true);

            var inBrowser = await PageBenchmarks.CreateIncidentAsync(writer, "cross-browser");
            await PageBenchmarks.PostAsync(writer, inBrowser, 0, 1);
            var (browser, browserMissed) = await PageBenchmarks.WriteToPagesAsync(writer, app.Address, inBrowser, screens, writes, RefreshWindowAndMargin);

            var headlessSlug = await PageBenchmarks.CreateIncidentAsync(writer, "cross-headless");
            await PageBenchmarks.PostAsync(writer, headlessSlug, 0, 1);
            var (headless, headlessMissed, counted) = await HeadlessWriteToScreenAsync(app, writer, headlessSlug, screens, writes);

            results.AddSamples("cross-check", label, "chromium pages: POST sent → new number on the page", browser);
            results.AddSamples("cross-check", label, "headless circuits: POST sent → first render batch with the new number", headless);
            results.Add("cross-check", label, "updates not seen within 5 s (chromium, headless)", browserMissed + headlessMissed, unit: $" ({browserMissed}, {headlessMissed})");
            results.Add("cross-check", label, "live screens the server counted while the headless circuits were open", counted, unit: $" (of {screens})");
        }
        finally
        {
            TempDatabase.Delete(path);
        }

        if (latencyOnly)
            return;
        var (browserSoon, browserLater) = await HeapPerScreenAsync(screens, headless: false);
        var (headlessSoon, headlessLater) = await HeapPerScreenAsync(screens, headless: true);
        results.Add("cross-check", $"{screens} In Amenas situation pages", "live managed heap per chromium page, 5 s after opening", browserSoon, unit: " KB");
        results.Add("cross-check", $"{screens} In Amenas situation pages", "live managed heap per chromium page, once idle HTTP connections closed", browserLater, unit: " KB");
        results.Add("cross-check", $"{screens} In Amenas situation pages", "live managed heap per headless circuit, 5 s after opening", headlessSoon, unit: " KB");
        results.Add("cross-check", $"{screens} In Amenas situation pages", "live managed heap per headless circuit, 140 s later", headlessLater, unit: " KB");
    }

    // One write at a time, the next when every circuit has it (or 5 s passed), as the browser side is driven.
    private static async Task<(List<double> Latencies, int Missed, long Counted)> HeadlessWriteToScreenAsync(
        AppProcess app, HttpClient writer, string slug, int screens, int writes)
    {
        var watch = new CountWatch(writes + 1);
        var markers = await PageMarkers.FetchAsync(writer, new Uri(app.Address, $"/incidents/{slug}"));
        var circuits = new List<HeadlessCircuit>();
        for (var i = 0; i < screens; i++)
            circuits.Add(await HeadlessCircuit.OpenAsync(app.Address, markers, writer, watch, TimeSpan.FromSeconds(60)));
        var counted = await LiveScreensCountedAsync(writer, slug);

        var latencies = new List<double>();
        var missed = 0;
        for (var write = 1; write <= writes; write++)
        {
            watch.Sending(write, 1000 + write);
            await PageBenchmarks.PostAsync(writer, slug, write, 1000 + write);
            var waited = Stopwatch.StartNew();
            while (circuits.Any(c => c.Seen[write] == 0) && waited.Elapsed < TimeSpan.FromSeconds(5))
                await Task.Delay(5);
            foreach (var circuit in circuits)
                if (circuit.Seen[write] is var seen and > 0)
                    latencies.Add(Stopwatch.GetElapsedTime(watch.SentAt(write), seen).TotalMilliseconds);
                else
                    missed++;
            // Both sides paced alike: a write sooner than a screen's refresh window after the last one waits for the
            // window's end (RefreshThrottle), which would measure the window, not the client.
            await Task.Delay(RefreshWindowAndMargin);
        }
        foreach (var circuit in circuits)
            await circuit.DisposeAsync();
        return (latencies, missed, counted);
    }

    // The app's own gauge of live screens, as Prometheus reads it.
    private static async Task<long> LiveScreensCountedAsync(HttpClient withKey, string slug) =>
        (await withKey.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith("dashboard_screens_live", StringComparison.Ordinal) && line.Contains($"\"{slug}\""))
            .Sum(line => (long)double.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<(double Soon, double Later)> HeapPerScreenAsync(int screens, bool headless)
    {
        var path = TempDatabase.NewPath("crosscheck-heap");
        try
        {
            await using var app = await AppProcess.StartAsync(path);
            using var http = app.CreateClient(withKey: true);
            var page = new Uri(app.Address, "/incidents/in-amenas");
            var watch = new CountWatch(1);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);
            // One screen first, so start-up costs (JIT, caches, the first circuit) are not charged to the rest.
            var open = new List<object> { headless
                ? await HeadlessCircuit.OpenAsync(app.Address, await PageMarkers.FetchAsync(http, page), http, watch, TimeSpan.FromSeconds(60))
                : await BenchBrowser.OpenLiveAsync(browser, app.Address, page.AbsolutePath) };
            await Task.Delay(3000);
            var before = await app.LiveHeapBytesAsync();
            var markers = await PageMarkers.FetchAsync(http, page);
            for (var i = 0; i < screens; i++)
                open.Add(headless
                    ? await HeadlessCircuit.OpenAsync(app.Address, markers, http, watch, TimeSpan.FromSeconds(60))
                    : await BenchBrowser.OpenLiveAsync(browser, app.Address, page.AbsolutePath));
            await Task.Delay(5000);
            var soon = await app.LiveHeapBytesAsync();
            await Task.Delay(KeepAliveGone);
            var later = await app.LiveHeapBytesAsync();
            foreach (var circuit in open.OfType<HeadlessCircuit>())
                await circuit.DisposeAsync();
            return ((soon - before) / 1024.0 / screens, (later - before) / 1024.0 / screens);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }
}
