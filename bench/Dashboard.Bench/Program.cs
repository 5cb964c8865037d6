using Dashboard.Bench;

// Usage: bench/run [reads|ingest|subscribers|pages|import|all] | bench/run screens [--pages 200] | bench/run big [--max-figures N] | bench/run soak [--minutes 30] | bench/run kill [--rounds 20] | bench/run storm
var suite = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
var maxFigures = args.SkipWhile(a => a != "--max-figures").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
var results = new Results();

if (suite is "reads" or "all")
{
    foreach (var figures in new[] { 10_000, 100_000, 1_000_000 }.Where(n => n <= maxFigures))
    {
        Console.WriteLine($"reads at {figures:N0} figures");
        await CoreBenchmarks.ReadsAsync(results, figures);
    }
}
if (suite is "ingest" or "all")
{
    Console.WriteLine("ingest");
    await CoreBenchmarks.IngestAsync(results, writers: 32, duration: TimeSpan.FromSeconds(15));
}
if (suite is "subscribers" or "all")
{
    Console.WriteLine("subscribers");
    await CoreBenchmarks.SubscribersAsync(results);
}

if (suite is "pages" or "all")
{
    Console.WriteLine("pages");
    if (!args.Contains("--memory-only"))
        foreach (var pages in new[] { 1, 20 })
            await PageBenchmarks.WriteToScreenAsync(results, pages);
    await PageBenchmarks.MemoryPerCircuitAsync(results, 50);
}

if (suite is "import" or "all")
{
    Console.WriteLine("import of 100,000 CSV rows");
    await ImportBenchmark.RunAsync(results, 100_000);
}

if (suite is "screens")
{
    var pages = args.SkipWhile(a => a != "--pages").Skip(1).Select(int.Parse).FirstOrDefault(200);
    Console.WriteLine($"{pages} open situation pages, one report a second");
    await ScaleBenchmarks.OpenScreensAsync(results, pages, browsers: 4, duration: TimeSpan.FromSeconds(60));
}

if (suite is "big")
{
    Console.WriteLine("big incident: 1,000,000 figures, 10,000 events, in the browser");
    await ScaleBenchmarks.BigIncidentAsync(results, maxFigures);
}

if (suite is "storm")
{
    Console.WriteLine("ingest storm: 20 writers for 60 s with 50 situation pages open");
    await CoreBenchmarks.IngestAsync(results, writers: 20, duration: TimeSpan.FromSeconds(60), openPages: 50);
}

if (suite is "kill")
{
    var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(20);
    Console.WriteLine($"kill -9 during writes, {rounds} rounds");
    await KillBenchmark.RunAsync(results, rounds, writers: 8);
}

if (suite is "soak")
{
    var minutes = args.SkipWhile(a => a != "--minutes").Skip(1).Select(double.Parse).FirstOrDefault(30);
    Console.WriteLine($"soak for {minutes} min");
    await WallSoak.RunAsync(results, TimeSpan.FromMinutes(minutes), TimeSpan.FromSeconds(10));
}

var markdown = results.ToMarkdown("bench/run " + string.Join(' ', args));
Console.WriteLine();
Console.WriteLine(markdown);
var output = Path.Combine(AppProcess.RepositoryRoot(), "bench", "RESULTS.md");
await ResultsFile.MergeAsync(output, suite, markdown);
Console.WriteLine($"Written to {output} (section '{suite}')");
