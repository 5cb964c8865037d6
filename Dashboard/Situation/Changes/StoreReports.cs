using Dashboard.Data;
using Dashboard.Situation.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>
/// Reports stored all-or-nothing for one writer. Unlike the other kinds, runs of these share one transaction (the
/// journal's group commit, <see cref="ChangeJournal"/>), so each fsync acknowledges many writers at once.
/// </summary>
public sealed class StoreReports(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, string action) : JournalWork<IReadOnlyList<WriteOutcome>>
{
    public Incident Incident { get; } = incident;
    public IReadOnlyList<NewReport> Reports { get; } = reports;
    public Actor Actor { get; } = actor;
    public string Action { get; } = action;

    internal override Task CommitAloneAsync(ChangeJournal journal) => journal.CommitReportsAsync([this]);
}

/// <summary>The reports of the incident that one commit stored, in the order stored.</summary>
public sealed record ReportsStored(long Sequence, IReadOnlyList<Report> Reports) : LoggedChange(Sequence), ILoggedKind<ReportsStored>
{
    public static ChangeKind Kind => ChangeKind.ReportStored;

    internal override void ApplyTo(Live.IncidentPicture.Edit picture)
    {
        foreach (var report in Reports)
            picture.Store(report);
    }

    public override IEnumerable<string> ReportIds => Reports.Select(r => r.Id);

    public override DateTimeOffset? MadeAt => Reports.Count > 0 ? Reports.Max(r => r.RecordedAt) : null;

    public static async Task<IEnumerable<ReportsStored>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken)
    {
        // The reports behind a run of changes lie in one range of report sequences: one ranged read, not one per change.
        var (low, high) = (rows[0].First, rows.Max(c => c.Last));
        var incidentId = reading.Incident.Id;
        var reports = await reading.Db.Reports.AsNoTracking()
            .Where(r => r.IncidentId == incidentId && r.Sequence >= low && r.Sequence <= high)
            .OrderBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        // Changes and reports are both in sequence order, and each change's range follows the one before.
        var next = 0;
        var stored = new List<ReportsStored>(rows.Count);
        foreach (var row in rows)
        {
            while (next < reports.Count && reports[next].Sequence < row.First)
                next++;
            var own = new List<Report>();
            for (; next < reports.Count && reports[next].Sequence <= row.Last; next++)
                own.Add(reports[next].ToModel(reading.Incident.Slug));
            stored.Add(new ReportsStored(row.Sequence, own));
        }
        return stored;
    }
}
