using System.Text;

namespace Dashboard.Bench;

/// <summary>
/// bench/RESULTS.md keeps the last run of every suite: a run replaces its own section (between
/// <c>&lt;!-- bench:suite --&gt;</c> markers) and leaves the others as they were.
/// </summary>
public static class ResultsFile
{
    private const string Title = "# Benchmark results\n\nEach section below is the last run of one `bench/run <suite>` on this repository's bench machine; a run replaces only its own section.\n";

    public static async Task MergeAsync(string path, string suite, string markdown)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        if (!existing.StartsWith(Title, StringComparison.Ordinal))
            existing = Title;
        var start = $"<!-- bench:{suite} -->";
        var end = $"<!-- /bench:{suite} -->";
        var section = new StringBuilder()
            .AppendLine(start)
            .AppendLine()
            .Append(markdown.Replace("# Benchmark results", $"## Suite `{suite}`").Replace("\n## ", "\n### "))
            .AppendLine(end)
            .ToString();
        var from = existing.IndexOf(start, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        var merged = from >= 0 && to > from
            ? existing[..from] + section + existing[(to + end.Length)..].TrimStart('\n', '\r').Insert(0, "\n")
            : existing.TrimEnd() + "\n\n" + section;
        await File.WriteAllTextAsync(path, merged);
    }
}
