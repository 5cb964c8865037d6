using System.Diagnostics;
using Dashboard.Situation;

namespace Dashboard.Bench;

/// <summary>
/// Issue 28's cost target: one key's headline history (GET …/tallies/history, from the service) of a big incident,
/// p95 &lt; 20 ms at 1,000,000 figures. Every key of the synthetic incident is asked in turn, after a warm-up.
/// </summary>
public static class HistoryBenchmarks
{
    public static async Task RunAsync(Results results, int figures, int asks = 400)
    {
        var keep = Environment.GetEnvironmentVariable("BENCH_KEEP_DATA") == "1";
        var path = keep ? Path.GetFullPath(Path.Combine("bench", ".data", $"synthetic-{figures}.db")) : TempDatabase.NewPath($"history-{figures}");
        try
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await SyntheticIncident.WriteAsync(path, figures);
            }
            await using var local = await LocalSituation.OpenAsync(path);
            var service = local.Service;
            var keys = (await service.GetLiveTalliesAsync("synthetic"))!.Tallies.Select(t => t.Key).ToArray();
            for (var i = 0; i < 100; i++)
                await service.GetHeadlineHistoryAsync("synthetic", keys[i % keys.Length], null);

            var samples = new List<double>(asks);
            var steps = 0L;
            for (var i = 0; i < asks; i++)
            {
                var watch = Stopwatch.StartNew();
                var history = await service.GetHeadlineHistoryAsync("synthetic", keys[i % keys.Length], null);
                samples.Add(watch.Elapsed.TotalMilliseconds);
                steps += history!.Steps.Count;
            }
            var label = $"{figures:N0} figures, {keys.Length:N0} keys";
            results.AddSamples("history", label, "service: one key's headline history (every key in turn)", samples);
            results.Note($"history at {label}: {steps / asks:N0} steps per key on average");
        }
        finally
        {
            if (!keep)
                TempDatabase.Delete(path);
        }
    }
}
