using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>An Analyst marks the incident ended at a moment, or going on again (null); the incident row holds which.</summary>
public sealed class EndIncident(Incident incident, DateTimeOffset? endedAt, Actor actor) : PictureChange<EndResult, IncidentEndChanged>
{
    public override bool ChangesTheIncident => true;

    public override async Task<Decision<EndResult>> DecideAsync(DashboardDbContext db, DateTimeOffset now)
    {
        var entity = await db.Incidents.SingleAsync(i => i.Id == incident.Id);
        if (entity.EndedAt == endedAt)
            return Unchanged(EndResult.Unchanged);
        entity.EndedAt = endedAt;
        return new(endedAt is null ? EndResult.Reopened : EndResult.Ended,
            new ChangeEntity { IncidentId = entity.Id },
            AuditEntryEntity.For(actor, now, endedAt is null ? "reopen incident" : "end incident", entity.Slug,
                endedAt is { } at ? $"Marked '{entity.Name}' ended at {at:yyyy-MM-dd HH:mm zzz}." : $"Marked '{entity.Name}' as going on (no longer ended)."));
    }

    protected override Task<IncidentEndChanged> LoggedAsync(DashboardDbContext db, ChangeEntity row) =>
        Task.FromResult(new IncidentEndChanged(row.Sequence, endedAt));
}

/// <summary>The incident was marked ended (or no longer): its <see cref="Incident.EndedAt"/> from now on.</summary>
public sealed record IncidentEndChanged(long Sequence, DateTimeOffset? EndedAt) : LoggedChange(Sequence), ILoggedKind<IncidentEndChanged>
{
    public static ChangeKind Kind => ChangeKind.IncidentEnded;

    internal override void ApplyTo(Live.IncidentPicture.Edit picture) => picture.End(EndedAt);

    public override IEnumerable<string> ReportIds => [];

    public override DateTimeOffset? MadeAt => null;

    // The incident row holds the latest word on its end; a picture only ever needs the latest.
    public static Task<IEnumerable<IncidentEndChanged>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken) =>
        Task.FromResult(rows.Select(row => new IncidentEndChanged(row.Sequence, row.EndedAt)));
}
