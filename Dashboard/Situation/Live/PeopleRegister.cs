using System.Collections.Immutable;

namespace Dashboard.Situation.Live;

/// <summary>A person named in a report: what was said about them, by whom and when. For Analysts' eyes only.</summary>
public sealed record NamedPersonReport(NamedPerson Person, Source Source, DateTimeOffset ReportedAt, string ReportId);

/// <summary>
/// Everyone named in an incident's reports, so that the page can say, as of any moment, what was last reported about
/// each of them. Immutable: adding or retracting gives a new register, and readers keep the one they hold.
/// </summary>
public sealed class PeopleRegister
{
    public static readonly PeopleRegister Empty = new(ImmutableList<Entry>.Empty, ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal));

    public sealed record Entry(NamedPersonReport Report, long Ticks, long RetractedFromTicks = long.MaxValue);

    private readonly ImmutableList<Entry> _entries;
    // Where each report's people begin in the list (they were added together), so a retraction goes straight to them.
    private readonly ImmutableDictionary<string, int> _firstOfReport;

    private PeopleRegister(ImmutableList<Entry> entries, ImmutableDictionary<string, int> firstOfReport) =>
        (_entries, _firstOfReport) = (entries, firstOfReport);

    public PeopleRegister Add(Report report) => report.People.Count == 0 || _firstOfReport.ContainsKey(report.Id) ? this : new(_entries.AddRange(
        report.People.Select(p => new Entry(new NamedPersonReport(p, report.Source, report.ReportedAt, report.Id), report.ReportedAt.UtcTicks))),
        _firstOfReport.Add(report.Id, _entries.Count));

    public PeopleRegister Retract(string reportId, long atTicks)
    {
        if (!_firstOfReport.TryGetValue(reportId, out var first))
            return this;
        var entries = _entries;
        for (var i = first; i < entries.Count && entries[i].Report.ReportId == reportId; i++)
            entries = entries.SetItem(i, entries[i] with { RetractedFromTicks = Math.Min(entries[i].RetractedFromTicks, atTicks) });
        return new(entries, _firstOfReport);
    }

    /// <summary>The latest report about each person known at the moment, by name.</summary>
    public IReadOnlyList<NamedPersonReport> At(long asOfTicks) => _entries
        .Where(e => e.Ticks <= asOfTicks && e.RetractedFromTicks > asOfTicks)
        .GroupBy(e => e.Report.Person.Name, StringComparer.OrdinalIgnoreCase)
        .Select(g => g.MaxBy(e => e.Ticks)!.Report)
        .OrderBy(r => r.Person.Nationality, StringComparer.Ordinal).ThenBy(r => r.Person.Name, StringComparer.OrdinalIgnoreCase)
        .ToArray();
}
