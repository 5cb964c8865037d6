using System.Diagnostics;
using Dashboard.Situation;

namespace Dashboard.Bench;

/// <summary>
/// As-of tallies from the service of a big incident, the view time travel asks for: each random moment worked out
/// afresh, with what it allocates and how many collections it costs (a view's garbage is collected against a heap
/// that holds every figure). The synthetic database is kept in <c>bench/.data</c> between runs when BENCH_KEEP_DATA=1.
/// </summary>
public static class AsOfBenchmarks
{
    public static async Task RunAsync(Results results, int figures, int moments = 200)
    {
        var keep = Environment.GetEnvironmentVariable("BENCH_KEEP_DATA") == "1";
        var path = keep ? Path.GetFullPath(Path.Combine("bench", ".data", $"synthetic-{figures}.db")) : TempDatabase.NewPath($"as-of-{figures}");
        try
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await SyntheticIncident.WriteAsync(path, figures);
            }
            await using var local = await LocalSituation.OpenAsync(path);
            var service = local.Service;
            await service.GetSituationAsync("synthetic");
            var random = new Random(11);
            DateTimeOffset RandomMoment() => SyntheticIncident.End - TimeSpan.FromMinutes(random.Next(1, 4 * 24 * 60));
            // Warm up the code paths past tiered compilation (30 calls, then compiled again in the background after 100 ms),
            // so the figures are of the code a running server has.
            for (var i = 0; i < 100; i++)
                await service.GetTalliesAsync("synthetic", RandomMoment(), CountryFilter.None);

            GC.Collect();
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var pause = GC.GetTotalPauseDuration();
            var samples = new List<double>(moments);
            var alternatives = 0L;
            for (var i = 0; i < moments; i++)
            {
                var moment = RandomMoment();
                var watch = Stopwatch.StartNew();
                var view = await service.GetTalliesAsync("synthetic", moment, CountryFilter.None);
                samples.Add(watch.Elapsed.TotalMilliseconds);
                alternatives += view!.Tallies.Sum(t => t.Alternatives.Count);
            }
            var label = $"{figures:N0} figures";
            results.AddSamples("as-of", label, "service: tallies, as of a random moment", samples);
            results.Add("as-of", label, "allocated in the process per view (its background work included)", (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)moments / 1024, unit: " KB");
            results.Add("as-of", label, "GC pause per view", (GC.GetTotalPauseDuration() - pause).TotalMilliseconds / moments, unit: " ms");
            results.Note($"{label}: {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} gen2 collections over {moments} views; {alternatives / moments:N0} alternatives per view");
        }
        finally
        {
            if (!keep)
                TempDatabase.Delete(path);
        }
    }
}
