using System.Collections.Immutable;

namespace Dashboard.Situation;

/// <summary>A person named in a report: what was said about them, by whom and when. For Analysts' eyes only.</summary>
public sealed record NamedPersonReport(NamedPerson Person, Source Source, DateTimeOffset ReportedAt, string ReportId);

/// <summary>
/// Everyone named in an incident's reports, so that the page can say, as of any moment, what was last reported about
/// each of them. Immutable: adding or retracting gives a new register, and readers keep the one they hold.
/// </summary>
public sealed class PeopleRegister
{
    public static readonly PeopleRegister Empty = new(ImmutableList<Entry>.Empty);

    public sealed record Entry(NamedPersonReport Report, long Ticks, long RetractedFromTicks = long.MaxValue);

    private readonly ImmutableList<Entry> _entries;

    private PeopleRegister(ImmutableList<Entry> entries) => _entries = entries;

    public PeopleRegister Add(Report report) => report.People.Count == 0 ? this : new(_entries.AddRange(
        report.People.Select(p => new Entry(new NamedPersonReport(p, report.Source, report.ReportedAt, report.Id), report.ReportedAt.UtcTicks))));

    public PeopleRegister Retract(string reportId, long atTicks) => _entries.Exists(e => e.Report.ReportId == reportId)
        ? new(_entries.Select(e => e.Report.ReportId == reportId ? e with { RetractedFromTicks = Math.Min(e.RetractedFromTicks, atTicks) } : e).ToImmutableList())
        : this;

    /// <summary>The latest report about each person known at the moment, by name.</summary>
    public IReadOnlyList<NamedPersonReport> At(long asOfTicks) => _entries
        .Where(e => e.Ticks <= asOfTicks && e.RetractedFromTicks > asOfTicks)
        .GroupBy(e => e.Report.Person.Name, StringComparer.OrdinalIgnoreCase)
        .Select(g => g.MaxBy(e => e.Ticks)!.Report)
        .OrderBy(r => r.Person.Nationality, StringComparer.Ordinal).ThenBy(r => r.Person.Name, StringComparer.OrdinalIgnoreCase)
        .ToArray();
}
