using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Live;

/// <summary>One entry of the change log as a picture applies it.</summary>
public abstract record LoggedChange(long Sequence);

/// <summary>The reports of the incident that one commit stored, in the order stored.</summary>
public sealed record ReportsStored(long Sequence, IReadOnlyList<Report> Reports) : LoggedChange(Sequence);

public sealed record ReportRetracted(long Sequence, string ReportId, Retraction Retraction) : LoggedChange(Sequence);

/// <summary>One figure of a report withdrawn, by its place in the report's figures; the others still count.</summary>
public sealed record FigureRetracted(long Sequence, string ReportId, int FigureIndex, Retraction Retraction) : LoggedChange(Sequence);

/// <summary>The incident was marked ended (or no longer): its <see cref="Incident.EndedAt"/> from now on.</summary>
public sealed record IncidentEndChanged(long Sequence, DateTimeOffset? EndedAt) : LoggedChange(Sequence);

/// <summary>A source of the incident was graded: its reliability from now on (null: ungraded).</summary>
public sealed record SourceGraded(long Sequence, string SourceName, string? Reliability) : LoggedChange(Sequence);

/// <summary>A source record changed (merged into, renamed, relaying): the record as it stands now, which is all a picture needs.</summary>
public sealed record SourceRecordChanged(long Sequence, SourceRecord Record) : LoggedChange(Sequence);

/// <summary>Reads the durable change log after a cursor, in commit order: what every live picture is built and kept current from.</summary>
public sealed class ChangeLog(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>Up to <paramref name="max"/> of the incident's changes after <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<LoggedChange>> ReadAsync(Incident incident, long after, int max, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = await db.Changes.AsNoTracking()
            .Where(c => c.IncidentId == incident.Id && c.Sequence > after && c.Kind != ChangeKind.IncidentCreated)
            .OrderBy(c => c.Sequence)
            .Take(max)
            .Select(c => new
            {
                c.Sequence, c.Kind, c.FigureIndex, c.SourceId, First = c.ReportSequence ?? 0, Last = c.LastReportSequence ?? c.ReportSequence ?? 0, c.Incident!.EndedAt,
                GradedSource = c.SourceGrade == null ? null : c.SourceGrade.SourceName, Reliability = c.SourceGrade == null ? null : c.SourceGrade.Reliability,
            })
            .ToListAsync(cancellationToken);
        if (changes.Count == 0)
            return [];

        // The reports behind a run of changes lie in one range of report sequences: one ranged read, not one per change.
        var stored = changes.Where(c => c.Kind == ChangeKind.ReportStored).ToArray();
        var (low, high) = stored.Length == 0 ? (0L, -1L) : (stored[0].First, stored.Max(c => c.Last));
        var reports = stored.Length == 0 ? [] : await db.Reports.AsNoTracking()
            .Where(r => r.IncidentId == incident.Id && r.Sequence >= low && r.Sequence <= high)
            .OrderBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        var retracted = changes.Where(c => c.Kind == ChangeKind.ReportRetracted).Select(c => c.First).ToList();
        var retractions = retracted.Count == 0 ? [] : await db.Retractions.AsNoTracking()
            .Where(x => retracted.Contains(x.ReportSequence))
            .Join(db.Reports, x => x.ReportSequence, r => r.Sequence, (x, r) => new { x.ReportSequence, r.Id, x.RetractedAt, x.Reason, x.RetractedBy })
            .ToDictionaryAsync(x => x.ReportSequence, cancellationToken);

        var figuresRetracted = changes.Where(c => c.Kind == ChangeKind.FigureRetracted).Select(c => c.First).Distinct().ToList();
        var figureRetractions = figuresRetracted.Count == 0 ? [] : (await db.FigureRetractions.AsNoTracking()
            .Where(x => figuresRetracted.Contains(x.ReportSequence))
            .Join(db.Reports, x => x.ReportSequence, r => r.Sequence, (x, r) => new { x.ReportSequence, x.FigureIndex, r.Id, x.RetractedAt, x.Reason, x.RetractedBy })
            .ToListAsync(cancellationToken))
            .ToDictionary(x => (x.ReportSequence, x.FigureIndex));

        // Changes and reports are both in sequence order, and each change's range follows the one before.
        var next = 0;
        var logged = new List<LoggedChange>(changes.Count);
        foreach (var change in changes)
        {
            if (change.Kind == ChangeKind.IncidentEnded)
            {
                // The incident row holds the latest word on its end; a picture only ever needs the latest.
                logged.Add(new IncidentEndChanged(change.Sequence, change.EndedAt));
                continue;
            }
            if (change.Kind == ChangeKind.SourceGraded)
            {
                // As for the end: the grade's row holds the latest word, which is all a picture needs.
                logged.Add(new SourceGraded(change.Sequence, change.GradedSource!, change.Reliability));
                continue;
            }
            if (change.Kind == ChangeKind.SourceChanged)
            {
                // As for grades: the record's row holds the latest word, which is all a picture needs.
                logged.Add(new SourceRecordChanged(change.Sequence, await SourceRecordAsync(db, incident.Id, change.SourceId!.Value, cancellationToken)));
                continue;
            }
            if (change.Kind == ChangeKind.FigureRetracted)
            {
                var x = figureRetractions[(change.First, change.FigureIndex!.Value)];
                logged.Add(new FigureRetracted(change.Sequence, x.Id, x.FigureIndex, new Retraction(x.RetractedAt, x.Reason, x.RetractedBy)));
                continue;
            }
            if (change.Kind == ChangeKind.ReportRetracted)
            {
                var x = retractions[change.First];
                logged.Add(new ReportRetracted(change.Sequence, x.Id, new Retraction(x.RetractedAt, x.Reason, x.RetractedBy)));
                continue;
            }
            while (next < reports.Count && reports[next].Sequence < change.First)
                next++;
            var own = new List<Report>();
            for (; next < reports.Count && reports[next].Sequence <= change.Last; next++)
                own.Add(reports[next].ToModel(incident.Slug));
            logged.Add(new ReportsStored(change.Sequence, own));
        }
        return logged;
    }

    /// <summary>A source record as it stands: its name, kind, every name it goes by, whose word it relays, and its grade.</summary>
    public static async Task<SourceRecord> SourceRecordAsync(DashboardDbContext db, int incidentId, int sourceId, CancellationToken cancellationToken = default)
    {
        var record = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new { s.Name, s.Kind, Aliases = s.Aliases.Select(a => a.Key).ToList(), Relays = s.Relays == null ? null : s.Relays.Name })
            .SingleAsync(cancellationToken);
        var key = SourceGradeEntity.KeyOf(record.Name);
        var reliability = await db.SourceGrades.AsNoTracking().Where(g => g.IncidentId == incidentId && g.SourceKey == key).Select(g => g.Reliability).SingleOrDefaultAsync(cancellationToken);
        return new SourceRecord(record.Name, record.Kind, record.Aliases, record.Relays, reliability);
    }

    // An incident's own changes (created, ended), which the catalogue follows; the partial index IX_Changes_OfIncidents
    // holds exactly these rows.
    private static readonly System.Linq.Expressions.Expression<Func<ChangeEntity, bool>> OfIncidents =
        c => c.Kind == ChangeKind.IncidentCreated || c.Kind == ChangeKind.IncidentEnded;

    /// <summary>The sequence of the latest change to an incident itself (created, ended; 0: none).</summary>
    public async Task<long> LastIncidentChangeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Changes.Where(OfIncidents).MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>Incidents created or ended after <paramref name="after"/>, in order, each as it stands now with the sequence of its change.</summary>
    public async Task<IReadOnlyList<(long Sequence, Incident Incident)>> IncidentChangesAsync(long after, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var created = await db.Changes.AsNoTracking()
            .Where(OfIncidents).Where(c => c.Sequence > after)
            .OrderBy(c => c.Sequence)
            .Select(c => new { c.Sequence, c.Incident })
            .ToListAsync(cancellationToken);
        return created.Select(c => (c.Sequence, c.Incident!.ToModel())).ToArray();
    }
}
