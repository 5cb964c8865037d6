using System.Diagnostics;

namespace Dashboard.Bench;

/// <summary>
/// The test suite's hostile-input tests at bench scale: CsCheck's random and mutated report bodies and CSV files
/// against the real app and database, never a 500, never a partial write; what each answered, by status.
/// </summary>
public static class FuzzBenchmark
{
    public static async Task RunAsync(Results results, int bodies, int files)
    {
        var report = Path.Combine(Path.GetTempPath(), $"dashboard-fuzz-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("dotnet", ["test", Path.Combine(AppProcess.RepositoryRoot(), "Dashboard.Tests"), "--filter", "FullyQualifiedName~HostileInputTests", "--nologo"])
        {
            RedirectStandardOutput = true,
        };
        start.Environment["DASHBOARD_FUZZ_BODIES"] = bodies.ToString();
        start.Environment["DASHBOARD_FUZZ_FILES"] = files.ToString();
        start.Environment["DASHBOARD_FUZZ_REPORT"] = report;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var label = $"{bodies:N0} bodies, {files:N0} CSV files";
        results.Add("fuzz", label, "tests passed (no 500, no partial write)", process.ExitCode == 0 ? 1 : 0, unit: process.ExitCode == 0 ? " (all)" : " (FAILED)");
        results.Add("fuzz", label, "time", watch.Elapsed.TotalSeconds, unit: " s");
        if (File.Exists(report))
        {
            foreach (var line in await File.ReadAllLinesAsync(report))
                results.Note(line);
            File.Delete(report);
        }
        if (process.ExitCode != 0)
            results.Note(string.Join('\n', output.Split('\n').Where(l => l.Contains("Failed", StringComparison.Ordinal)).Take(10)));
    }
}
