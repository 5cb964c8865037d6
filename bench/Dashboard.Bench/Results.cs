using System.Text;

namespace Dashboard.Bench;

/// <summary>Collects figures as the benchmarks run, prints them as a table and keeps them in bench/RESULTS.md.</summary>
public sealed class Results
{
    private readonly List<(string Suite, string Case, string Measure, string Value)> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string suite, string @case, string measure, double value, string unit = "ms")
    {
        _rows.Add((suite, @case, measure, unit == "ms" ? $"{value:F1} ms" : $"{value:N1}{unit}"));
        Console.WriteLine($"  {suite} | {@case} | {measure}: {_rows[^1].Value}");
    }

    public void AddSamples(string suite, string @case, string measure, IReadOnlyList<double> samples)
    {
        var (p50, p95, p99) = Stats.Percentiles(samples);
        _rows.Add((suite, @case, measure, $"p50 {p50:F2} ms · p95 {p95:F2} ms · p99 {p99:F2} ms (n={samples.Count})"));
        Console.WriteLine($"  {suite} | {@case} | {measure}: {_rows[^1].Value}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine("  note: " + note);
    }

    public string ToMarkdown(string command)
    {
        var text = new StringBuilder()
            .AppendLine("# Benchmark results")
            .AppendLine()
            .AppendLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine($"- Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024 / 1024} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}")
            .AppendLine($"- .NET {Environment.Version}; app built in Release; SQLite WAL with synchronous=FULL")
            .AppendLine($"- Command: `{command}`")
            .AppendLine();
        foreach (var suite in _rows.GroupBy(r => r.Suite))
        {
            text.AppendLine($"## {suite.Key}").AppendLine().AppendLine("| case | measure | result |").AppendLine("|---|---|---|");
            foreach (var row in suite)
                text.AppendLine($"| {row.Case} | {row.Measure} | {row.Value} |");
            text.AppendLine();
        }
        if (_notes.Count > 0)
        {
            text.AppendLine("## Notes").AppendLine();
            foreach (var note in _notes)
                text.AppendLine($"- {note}");
        }
        return text.ToString();
    }
}
