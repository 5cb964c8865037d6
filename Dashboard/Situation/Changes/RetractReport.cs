using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>A whole report taken back: none of its figures, people or event count from the moment of retraction.</summary>
public sealed class RetractReport(Incident incident, string reportId, string reason, Actor actor)
    : PictureChange<(RetractResult, Retraction?), ReportRetracted>
{
    private Retraction? _retraction;

    public override async Task<Decision<(RetractResult, Retraction?)>> DecideAsync(DashboardDbContext db, DateTimeOffset now)
    {
        var report = await db.Reports.AsNoTracking()
            .Where(r => r.Id == reportId && r.IncidentId == incident.Id)
            .Select(r => new { r.Sequence, r.Retraction })
            .SingleOrDefaultAsync();
        if (report is null)
            return Unchanged((RetractResult.UnknownReport, null));
        if (report.Retraction is { } existing)
            return Unchanged((RetractResult.AlreadyRetracted, new Retraction(existing.RetractedAt, existing.Reason, existing.RetractedBy)));

        db.Retractions.Add(new RetractionEntity
        {
            ReportSequence = report.Sequence, RetractedAt = now, RetractedAtUtcTicks = now.UtcTicks, Reason = reason, RetractedBy = actor.Name,
        });
        _retraction = new Retraction(now, reason, actor.Name);
        return new((RetractResult.Retracted, _retraction),
            new ChangeEntity { IncidentId = incident.Id, ReportSequence = report.Sequence },
            AuditEntryEntity.For(actor, now, "retract", incident.Slug, $"Retracted report '{reportId}': {reason}"));
    }

    public override bool AnotherWroteFirst(out (RetractResult, Retraction?) result)
    {
        result = (RetractResult.AlreadyRetracted, null);
        return true;
    }

    public override void Count(Observability.DashboardMetrics metrics) => metrics.Retracted(incident.Slug);

    protected override Task<ReportRetracted> LoggedAsync(DashboardDbContext db, ChangeEntity row) =>
        Task.FromResult(new ReportRetracted(row.Sequence, reportId, _retraction!));
}

public sealed record ReportRetracted(long Sequence, string ReportId, Retraction Retraction) : LoggedChange(Sequence), ILoggedKind<ReportRetracted>
{
    public static ChangeKind Kind => ChangeKind.ReportRetracted;

    internal override void ApplyTo(Live.IncidentPicture.Edit picture) => picture.Retract(ReportId, Retraction);

    public override IEnumerable<string> ReportIds => [ReportId];

    public override DateTimeOffset? MadeAt => Retraction.At;

    public static async Task<IEnumerable<ReportRetracted>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken)
    {
        var retracted = rows.Select(c => c.First).ToList();
        var retractions = await reading.Db.Retractions.AsNoTracking()
            .Where(x => retracted.Contains(x.ReportSequence))
            .Join(reading.Db.Reports, x => x.ReportSequence, r => r.Sequence, (x, r) => new { x.ReportSequence, r.Id, x.RetractedAt, x.Reason, x.RetractedBy })
            .ToDictionaryAsync(x => x.ReportSequence, cancellationToken);
        return rows.Select(row =>
        {
            var x = retractions[row.First];
            return new ReportRetracted(row.Sequence, x.Id, new Retraction(x.RetractedAt, x.Reason, x.RetractedBy));
        });
    }
}
