using Dashboard.Situation.Live;
using System.Diagnostics;
using Dashboard.Situation;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>
/// The live picture as a projection of the change log: a cold load under steady writes (it must load once and catch
/// up, never start over), and how much as-of readers of a big incident slow the acknowledgement of writes.
/// </summary>
public static class ProjectionBenchmarks
{
    private const string Suite = "projection";

    public static async Task RunAsync(Results results, int figures)
    {
        var path = TempDatabase.NewPath($"projection-{figures}");
        try
        {
            await SyntheticIncident.WriteAsync(path, figures);
            await ColdLoadUnderWritesAsync(results, path, figures, writesPerSecond: 100, duration: TimeSpan.FromSeconds(15));
            foreach (var readers in new[] { 0, 8 })
                await AcknowledgementWithReadersAsync(results, path, figures, readers, TimeSpan.FromSeconds(15));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    private static async Task ColdLoadUnderWritesAsync(Results results, string path, int figures, int writesPerSecond, TimeSpan duration)
    {
        await using var local = await LocalSituation.OpenAsync(path);
        var journal = local.Services.GetRequiredService<ChangeJournal>();
        var pictures = local.Services.GetRequiredService<LivePictures>();
        var incident = (await local.Service.FindIncidentAsync("synthetic"))!;
        var label = $"{figures:N0} figures, cold, {writesPerSecond} writes/s";

        var acknowledged = new List<(long Sequence, TimeSpan At)>();
        var applied = new List<(long Sequence, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        // Writes go straight to the journal: acknowledged when durable, whatever this process's picture is doing.
        var writer = Task.Run(async () =>
        {
            var period = TimeSpan.FromSeconds(1.0 / writesPerSecond);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var due = period * i;
                if (clock.Elapsed < due)
                    await Task.Delay(due - clock.Elapsed);
                var report = BenchReport($"cold-{i}", i);
                var committed = await journal.WriteReportsAsync(incident, [report], LocalSituation.Bench, "report");
                lock (acknowledged) acknowledged.Add((committed.Sequence, clock.Elapsed));
            }
        });
        await Task.Delay(500); // writes are already flowing when the first screen asks
        var asked = clock.Elapsed;
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await local.Service.GetTalliesAsync("synthetic", null, CountryFilter.None);
            return clock.Elapsed;
        })).ToArray();
        // A screen listening from the start hears every change published after the load.
        using var listening = local.Service.Subscribe("synthetic", _ =>
        {
            var state = pictures.GetAsync(incident).GetAwaiter().GetResult().State;
            lock (applied) applied.Add((state.Sequence, clock.Elapsed));
        });
        var answered = await Task.WhenAll(readers);
        await writer;
        await Task.Delay(1000); // the last writes' catch-up

        results.Add(Suite, label, "time to first answer (8 readers asking at once)", (answered.Min() - asked).TotalMilliseconds);
        results.Add(Suite, label, "time until all 8 readers answered", (answered.Max() - asked).TotalMilliseconds);
        results.Add(Suite, label, "full loads of the picture", pictures.FullLoads, unit: "");
        results.Add(Suite, label, "writes acknowledged during the run", acknowledged.Count, unit: "");
        // Lag: from a write's acknowledgement to the first published state that holds it, for writes after the load.
        var loaded = answered.Max();
        var afterLoad = acknowledged.Where(a => a.At > loaded).ToArray();
        var lags = new List<double>();
        lock (applied)
            foreach (var (sequence, at) in afterLoad)
                if (applied.FirstOrDefault(a => a.Sequence >= sequence && a.At >= at) is { Sequence: > 0 } seen)
                    lags.Add((seen.At - at).TotalMilliseconds);
        results.AddSamples(Suite, label, "catch-up lag after the load (acknowledged → published and announced)", lags);
        results.Add(Suite, label, "writes after the load never seen by the picture", afterLoad.Length - lags.Count, unit: "");
    }

    private static async Task AcknowledgementWithReadersAsync(Results results, string path, int figures, int readerCount, TimeSpan duration)
    {
        await using var local = await LocalSituation.OpenAsync(path);
        var service = local.Service;
        var incident = (await service.FindIncidentAsync("synthetic"))!;
        await service.GetSituationAsync("synthetic"); // loaded before the clock starts
        var label = $"{figures:N0} figures, {(readerCount == 0 ? "no readers" : $"{readerCount} readers of random as-of views")}";

        using var stop = new CancellationTokenSource(duration);
        long reads = 0;
        var readers = Enumerable.Range(0, readerCount).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var moment = SyntheticIncident.End - TimeSpan.FromMinutes(random.Next(1, 4 * 24 * 60));
                await service.GetTalliesAsync("synthetic", moment, CountryFilter.None);
                Interlocked.Increment(ref reads);
                // As a request or a circuit does between reads: the computation itself returns without awaiting.
                await Task.Yield();
            }
        })).ToArray();
        // One writer, 20 writes a second, each through the service as the API writes: acknowledged once durable and on
        // this process's picture.
        var latencies = new List<double>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var sent = Stopwatch.StartNew();
            await service.SubmitAsync(incident, [BenchReport($"ack-{readerCount}-{i}", i)], LocalSituation.Bench);
            latencies.Add(sent.Elapsed.TotalMilliseconds);
            var rest = TimeSpan.FromMilliseconds(50) - sent.Elapsed;
            if (rest > TimeSpan.Zero)
                await Task.Delay(rest);
        }
        await Task.WhenAll(readers);
        results.AddSamples(Suite, label, "write acknowledged (SubmitAsync, durable and applied)", latencies);
        if (readerCount > 0)
            results.Add(Suite, label, "as-of reads completed per second", reads / duration.TotalSeconds, unit: "/s");
    }

    private static NewReport BenchReport(string id, int i) => new(
        id, SyntheticIncident.End.AddMinutes(1 + i % 500), new Source("Bench wire", SourceKind.Media), "Bench report.", null,
        [new Figure(FigureGroup.Hostages, FigureStatus.Killed, "GB", null, i % 50, Qualifier.Exact)], null, []);
}
