using Dashboard.Data;
using Dashboard.Situation.Changes;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Live;

/// <summary>Reads the durable change log after a cursor, in commit order: what every live picture is built and kept current from.</summary>
public sealed class ChangeLog(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>Up to <paramref name="max"/> of the incident's changes after <paramref name="after"/> (and up to
    /// <paramref name="upTo"/>), in order.</summary>
    public async Task<IReadOnlyList<LoggedChange>> ReadAsync(Incident incident, long after, int max, CancellationToken cancellationToken = default,
        long upTo = long.MaxValue)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.IncidentId == incident.Id && c.Sequence > after && c.Sequence <= upTo && c.Kind != ChangeKind.IncidentCreated)
            .OrderBy(c => c.Sequence)
            .Take(max)
            .Select(c => new LoggedRow(c.Sequence, c.Kind, c.ReportSequence ?? 0, c.LastReportSequence ?? c.ReportSequence ?? 0, c.FigureIndex, c.SourceId,
                c.Incident!.EndedAt, c.SourceGrade == null ? null : c.SourceGrade.SourceName, c.SourceGrade == null ? null : c.SourceGrade.Reliability))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return [];

        // Each kind reads back its own rows at once (one ranged read for all the reports stored, say), then all in log order.
        var reading = new LogReading(db, incident);
        var logged = new List<LoggedChange>(rows.Count);
        foreach (var kind in rows.GroupBy(r => r.Kind))
            logged.AddRange(await LoggedKinds.ReadAsync(kind.Key, reading, kind.ToList(), cancellationToken));
        logged.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return logged;
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
