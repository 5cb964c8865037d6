namespace Dashboard.Situation;

/// <summary>A person named in a report: what was said about them, by whom and when. For Analysts' eyes only.</summary>
public sealed record NamedPersonReport(NamedPerson Person, Source Source, DateTimeOffset ReportedAt, string ReportId);

/// <summary>
/// Everyone named in an incident's reports, so that the page can say, as of any moment, what was last reported about
/// each of them. Kept beside the figures by <see cref="IncidentPicture"/> and under its lock.
/// </summary>
internal sealed class PeopleRegister
{
    private sealed class Entry(NamedPersonReport report)
    {
        public NamedPersonReport Report { get; } = report;
        public long Ticks { get; } = report.ReportedAt.UtcTicks;
        public long RetractedFromTicks { get; set; } = long.MaxValue;
    }

    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, List<Entry>> _byReport = new(StringComparer.Ordinal);

    public void Add(Report report)
    {
        if (report.People.Count == 0)
            return;
        var entries = report.People.Select(p => new Entry(new NamedPersonReport(p, report.Source, report.ReportedAt, report.Id))).ToList();
        _entries.AddRange(entries);
        _byReport[report.Id] = entries;
    }

    public void Retract(string reportId, long atTicks)
    {
        if (_byReport.TryGetValue(reportId, out var entries))
            foreach (var entry in entries)
                entry.RetractedFromTicks = atTicks;
    }

    /// <summary>The latest report about each person known at the moment, by name.</summary>
    public IReadOnlyList<NamedPersonReport> At(long asOfTicks) => _entries
        .Where(e => e.Ticks <= asOfTicks && e.RetractedFromTicks > asOfTicks)
        .GroupBy(e => e.Report.Person.Name, StringComparer.OrdinalIgnoreCase)
        .Select(g => g.MaxBy(e => e.Ticks)!.Report)
        .OrderBy(r => r.Person.Nationality, StringComparer.Ordinal).ThenBy(r => r.Person.Name, StringComparer.OrdinalIgnoreCase)
        .ToArray();
}
