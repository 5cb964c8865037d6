using Dashboard.Bench;

// Usage: dotnet run -c Release --project bench/Dashboard.Bench -- [reads|ingest|subscribers|all] [--max-figures N]
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

var markdown = results.ToMarkdown("bench/run " + string.Join(' ', args));
Console.WriteLine();
Console.WriteLine(markdown);
var output = Path.Combine(AppProcess.RepositoryRoot(), "bench", suite == "all" ? "RESULTS.md" : $"RESULTS-{suite}.md");
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine($"Written to {output}");
