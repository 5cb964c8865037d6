using System.Globalization;

namespace Dashboard.Situation;

/// <summary>
/// Which reports the history shows: their standing, source, a figure's or person's status, and the source's reliability
/// and the report's credibility (<see cref="Admiralty.Ungraded"/> for none). An empty part keeps every report.
/// </summary>
public sealed record HistoryFilter(IReadOnlySet<ReportStanding> Standings, string Source = "", string Status = "", string Reliability = "", string Credibility = "")
{
    public static HistoryFilter Everything { get; } = new(Enum.GetValues<ReportStanding>().ToHashSet());

    /// <summary>Whether the history shows <paramref name="entry"/>, its source graded as <paramref name="reliabilityOf"/> says.</summary>
    public bool Keeps(ReportHistoryEntry entry, Func<string, string?> reliabilityOf)
    {
        var report = entry.Report;
        return Standings.Contains(entry.Standing)
            && (Source.Length == 0 || report.Source.Name == Source)
            && (Status.Length == 0 || report.Figures.Any(f => f.Status.ToString() == Status) || report.People.Any(p => p.Status.ToString() == Status))
            && (Reliability.Length == 0 || (reliabilityOf(report.Source.Name) ?? Admiralty.Ungraded) == Reliability)
            && (Credibility.Length == 0 || (report.Credibility?.ToString(CultureInfo.InvariantCulture) ?? Admiralty.Ungraded) == Credibility);
    }
}

/// <summary>Where a report stands in the history's order (newest first): its time, then its place in the log.</summary>
public readonly record struct HistoryCursor(long ReportedAtUtcTicks, long Sequence)
{
    public static HistoryCursor Of(Report report) => new(report.ReportedAt.UtcTicks, report.Sequence);
}

/// <summary>
/// Reports of the history in its order, those the filter keeps; <see cref="Next"/> is where the next page starts
/// (null: no older report is left); <see cref="Total"/> counts every report of the incident, kept or not.
/// </summary>
public sealed record HistoryPage(IReadOnlyList<ReportHistoryEntry> Entries, HistoryCursor? Next, int Total);
