using Dashboard.Situation;

namespace Dashboard.Bench;

/// <summary>
/// A large made-up incident shaped like a real one: about a thousand keys (group × status × scope, plus company
/// figures), each reported by a few sources that mostly agree and sometimes contradict, counts rising in steps over
/// four days, one timeline event per report, and a perpetrator source whose figures are claims.
/// </summary>
public static class SyntheticIncident
{
    public const int FiguresPerReport = 100;
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2013-01-16T05:00:00+01:00");
    private static readonly TimeSpan Span = TimeSpan.FromDays(4);

    private static readonly string[] CountryScopes =
    [
        "GB", "JP", "NO", "US", "FR", "BE", "PH", "MY", "RO", "CO", "DE", "IE", "AT", "KR", "TH", "IN", "CN", "TR", "EG", "TN",
        "MA", "LY", "ML", "NG", "ZA", "CA", "AU", "NZ", "IT", "ES", "PT", "NL", "SE", "DK", "FI", "PL", "CZ", "HU", "GR", "RU",
    ];

    private static readonly Source[] Sources = Enumerable.Range(0, 7)
        .Select(i => new Source($"Source {i:00}", (SourceKind)(i % 3)))
        .Append(new Source("The kidnappers", SourceKind.Perpetrator))
        .ToArray();

    public static IReadOnlyList<FigureKey> Keys { get; } = BuildKeys();

    public static DateTimeOffset End => Start + Span;

    private static IReadOnlyList<FigureKey> BuildKeys()
    {
        var keys = new List<FigureKey>();
        foreach (var group in Enum.GetValues<FigureGroup>())
        foreach (var status in Enum.GetValues<FigureStatus>())
        {
            foreach (var scope in new[] { Scopes.All, Scopes.Foreign, Scopes.Local }.Concat(CountryScopes))
                keys.Add(new FigureKey(group, status, scope, null));
            foreach (var organisation in new[] { "BP", "Statoil", "Sonatrach", "JGC", "Chiyoda" })
                keys.Add(new FigureKey(group, status, Scopes.All, organisation));
        }
        return keys;
    }

    /// <summary>Writes the incident, slug "synthetic", into a new database at <paramref name="path"/> through the app's own service.</summary>
    public static async Task WriteAsync(string path, int figureCount)
    {
        var load = System.Diagnostics.Stopwatch.StartNew();
        await using (var local = await LocalSituation.OpenAsync(path))
        {
            var incident = await local.CreateIncidentAsync("synthetic");
            foreach (var chunk in Reports(figureCount).Chunk(100))
                await local.Service.SubmitAsync(incident, chunk, LocalSituation.Bench);
        }
        Console.WriteLine($"  {figureCount:N0} figures, {figureCount / FiguresPerReport:N0} reports and events written in {load.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Reports in time order adding up to <paramref name="figureCount"/> figures.</summary>
    public static IEnumerable<NewReport> Reports(int figureCount, int seed = 2013)
    {
        var random = new Random(seed);
        var reportCount = figureCount / FiguresPerReport;
        var baseCounts = Keys.Select(_ => random.Next(0, 60)).ToArray();
        var keyIndexes = Enumerable.Range(0, Keys.Count).ToArray();

        for (var r = 0; r < reportCount; r++)
        {
            var progress = (double)r / reportCount;
            var reportedAt = Start + Span * progress;
            random.Shuffle(keyIndexes);
            var figures = new Figure[FiguresPerReport];
            var source = Sources[random.Next(Sources.Length)];
            for (var f = 0; f < FiguresPerReport; f++)
            {
                var k = keyIndexes[f];
                var key = Keys[k];
                // Counts rise in five steps over the incident; one figure in twenty disagrees by a little.
                var count = baseCounts[k] + (int)(progress * 5) * 3 + (random.Next(20) == 0 ? random.Next(1, 4) : 0);
                var qualifier = source.Kind == SourceKind.Perpetrator ? Qualifier.Claimed
                    : progress < 0.5 ? Qualifier.Provisional : Qualifier.Exact;
                figures[f] = new Figure(key.Group, key.Status, key.Scope, key.Organisation, count, qualifier);
            }
            var countries = new[] { CountryScopes[random.Next(CountryScopes.Length)] };
            yield return new NewReport(
                $"synthetic-{seed}-{r:D7}", reportedAt, source, $"Synthetic report {r}.", null, figures,
                new TimelineEvent(reportedAt, $"Synthetic event {r}", null, countries), []);
        }
    }
}
