using Dashboard.Bench;

// Usage: bench/run [all|reads|as-of|mixed|ingest|subscribers|pages|import|storm|kill|fuzz|projection|retractions|import-load|postgres|observability|big|screens|circuits|cross-check|history|alerts|soak] [--bodies 10000] [--files 2000] [--max-figures N] [--pages 200] [--rounds 20] [--minutes 30] [--memory-only] [--screens 1000,2000] [--spread one|ten|both] [--query overTime=open] [--latency-only] [--moments 200] [--counts 5000,10000,20000]
// "all" runs every suite but the 30-minute soak, postgres (which needs DASHBOARD_BENCH_POSTGRES), observability and circuits (an hour at 10,000 screens). Each suite prints its table and replaces its own section of bench/RESULTS.md.
var requested = args.FirstOrDefault(a => !a.StartsWith("--") && !int.TryParse(a, out _)) ?? "all";
T Option<T>(string name, T fallback, Func<string, T> parse) =>
    args.SkipWhile(a => a != name).Skip(1).Select(parse).DefaultIfEmpty(fallback).First();
var maxFigures = Option("--max-figures", 1_000_000, int.Parse);

var suites = new (string Name, Func<Results, Task> Run)[]
{
    ("reads", async results =>
    {
        foreach (var figures in new[] { 10_000, 100_000, 1_000_000 }.Where(n => n <= maxFigures))
        {
            Console.WriteLine($"reads at {figures:N0} figures");
            await CoreBenchmarks.ReadsAsync(results, figures);
        }
    }),
    ("as-of", async results =>
    {
        foreach (var figures in new[] { 100_000, 1_000_000 }.Where(n => n <= maxFigures))
        {
            Console.WriteLine($"as-of tallies at {figures:N0} figures");
            await AsOfBenchmarks.RunAsync(results, figures, Option("--moments", 200, int.Parse));
        }
    }),
    ("mixed", async results =>
    {
        foreach (var figures in new[] { 300_000, 1_000_000 }.Where(n => n <= maxFigures))
        {
            Console.WriteLine($"mixed reads and writes over HTTP at {figures:N0} figures");
            await MixedBenchmark.RunAsync(results, figures);
        }
    }),
    ("ingest", results => CoreBenchmarks.IngestAsync(results, writers: 32, duration: TimeSpan.FromSeconds(15))),
    ("subscribers", CoreBenchmarks.SubscribersAsync),
    ("pages", async results =>
    {
        if (!args.Contains("--memory-only"))
            foreach (var pages in new[] { 1, 20 })
                await PageBenchmarks.WriteToScreenAsync(results, pages);
        await PageBenchmarks.MemoryPerCircuitAsync(results, 50);
    }),
    ("import", async results =>
    {
        if (!args.Contains("--failing-only"))
            await ImportBenchmark.RunAsync(results, 100_000);
        await ImportBenchmark.RunFailingAsync(results);
    }),
    ("import-load", results => ImportBenchmark.WritersDuringImportAsync(results, Option("--rows", 60_000, int.Parse))),
    ("storm", results => CoreBenchmarks.IngestAsync(results, writers: 20, duration: TimeSpan.FromSeconds(60), openPages: 50)),
    ("kill", results => KillBenchmark.RunAsync(results, Option("--rounds", 20, int.Parse), writers: 8)),
    ("fuzz", results => FuzzBenchmark.RunAsync(results, Option("--bodies", 10_000, int.Parse), Option("--files", 2_000, int.Parse))),
    ("projection", results => ProjectionBenchmarks.RunAsync(results, maxFigures)),
    ("retractions", results => { RetractionBenchmark.Run(results, Option("--counts", "5000,10000,20000", text => text).Split(',').Select(int.Parse)); return Task.CompletedTask; }),
    ("postgres", results => PostgresBenchmarks.RunAsync(results, Option("--pages", 20, int.Parse))),
    ("observability", async results =>
    {
        // Alternated, in one run, so the disk's and the machine's drift falls on both alike.
        (string, string)[] off = [("Observability__Enabled", "false")];
        for (var round = 0; round < 2; round++)
        {
            await CoreBenchmarks.IngestAsync(results, writers: 32, duration: TimeSpan.FromSeconds(15), variant: $"telemetry off, round {round + 1}", environment: off);
            await CoreBenchmarks.IngestAsync(results, writers: 32, duration: TimeSpan.FromSeconds(15), variant: $"telemetry on, round {round + 1}");
        }
        await PageBenchmarks.WriteToScreenAsync(results, 20, variant: "telemetry off", environment: off);
        await PageBenchmarks.WriteToScreenAsync(results, 20, variant: "telemetry on");
    }),
    ("big", results => ScaleBenchmarks.BigIncidentAsync(results, maxFigures)),
    ("screens", results => ScaleBenchmarks.OpenScreensAsync(results, Option("--pages", 200, int.Parse), browsers: 4, duration: TimeSpan.FromSeconds(60))),
    ("circuits", async results =>
    {
        var hold = TimeSpan.FromMinutes(Option("--minutes", 2.0, double.Parse));
        var screens = Option("--screens", "1000,2000,5000,10000", text => text).Split(',').Select(int.Parse);
        foreach (var count in screens)
        {
            if (Option("--spread", "both", text => text) is "both" or "one")
                await CircuitBenchmarks.LiveScreensAsync(results, new(count, Incidents: 1, Walls: false, Option("--query", "", text => text)), hold);
            if (Option("--spread", "both", text => text) is "both" or "ten")
                await CircuitBenchmarks.LiveScreensAsync(results, new(count, Incidents: 10, Walls: true, Option("--query", "", text => text)), hold);
        }
    }),
    ("cross-check", results => CircuitCrossCheck.RunAsync(results, Option("--pages", 20, int.Parse), writes: 50, latencyOnly: args.Contains("--latency-only"))),
    ("history", async results =>
    {
        foreach (var figures in new[] { 100_000, 1_000_000 }.Where(n => n <= maxFigures))
            await HistoryBenchmarks.RunAsync(results, figures);
    }),
    ("alerts", results => AlertBenchmark.RunAsync(results, Option("--subscriptions", 1000, int.Parse))),
    ("soak", results => WallSoak.RunAsync(results, TimeSpan.FromMinutes(Option("--minutes", 30.0, double.Parse)), TimeSpan.FromSeconds(10))),
};

var toRun = requested == "all" ? suites.Where(s => s.Name is not ("soak" or "postgres" or "observability" or "circuits")).ToArray() : suites.Where(s => s.Name == requested).ToArray();
if (toRun.Length == 0)
{
    Console.Error.WriteLine($"Unknown suite '{requested}'. Suites: all, {string.Join(", ", suites.Select(s => s.Name))}.");
    return 2;
}

var output = Path.Combine(AppProcess.RepositoryRoot(), "bench", "RESULTS.md");
var summary = new List<string>();
foreach (var (name, run) in toRun)
{
    Console.WriteLine($"== {name}");
    var results = new Results();
    await run(results);
    var markdown = results.ToMarkdown($"bench/run {name} {string.Join(' ', args.Where(a => a != requested))}".TrimEnd());
    // The circuits suite is run size by size (an hour for all of them): each size and spread keeps its own section.
    var section = name switch
    {
        "circuits" => $"circuits {Option("--screens", "all", t => t)} {Option("--spread", "both", t => t)}{(Option("--query", "", t => t) is { Length: > 0 } q ? " " + q.Replace('=', '-') : "")}".Replace(' ', '-'),
        "cross-check" when args.Contains("--latency-only") => "cross-check-latency",
        _ => name,
    };
    await ResultsFile.MergeAsync(output, section, markdown);
    summary.Add(markdown);
}
Console.WriteLine();
foreach (var markdown in summary)
    Console.WriteLine(markdown);
Console.WriteLine($"Written to {output}, one section per suite.");
return 0;
