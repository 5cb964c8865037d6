using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

/// <summary>One entry of the change log as a picture applies it.</summary>
public abstract record LoggedChange(long Sequence);

public sealed record ReportStored(long Sequence, Report Report) : LoggedChange(Sequence);

public sealed record ReportRetracted(long Sequence, string ReportId, Retraction Retraction) : LoggedChange(Sequence);

/// <summary>Reads the durable change log after a cursor, in commit order: what every live picture is built and kept current from.</summary>
public sealed class ChangeLog(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>Up to <paramref name="max"/> of the incident's changes after <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<LoggedChange>> ReadAsync(Incident incident, long after, int max, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One query: each change with its report (a report is one row, its figures JSON beside it).
        var changes = await db.Changes.AsNoTracking()
            .Where(c => c.IncidentId == incident.Id && c.Sequence > after && c.Kind != ChangeKind.IncidentCreated)
            .OrderBy(c => c.Sequence)
            .Take(max)
            .Select(c => new { c.Sequence, c.Kind, c.Report, c.Report!.Retraction })
            .ToListAsync(cancellationToken);
        return changes.Select(c => c.Kind == ChangeKind.ReportStored
                ? (LoggedChange)new ReportStored(c.Sequence, c.Report!.ToModel(incident.Slug) with { Retraction = null })
                : new ReportRetracted(c.Sequence, c.Report!.Id, new Retraction(c.Retraction!.RetractedAt, c.Retraction.Reason, c.Retraction.RetractedBy)))
            .ToArray();
    }

    /// <summary>Incidents created after <paramref name="after"/>, in order, each with the sequence of its creation.</summary>
    public async Task<IReadOnlyList<(long Sequence, Incident Incident)>> IncidentsCreatedAsync(long after, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var created = await db.Changes.AsNoTracking()
            .Where(c => c.Kind == ChangeKind.IncidentCreated && c.Sequence > after)
            .OrderBy(c => c.Sequence)
            .Select(c => new { c.Sequence, c.Incident })
            .ToListAsync(cancellationToken);
        return created.Select(c => (c.Sequence, c.Incident!.ToModel())).ToArray();
    }
}
