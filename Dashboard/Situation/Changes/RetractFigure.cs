using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>One figure of a report withdrawn, by its place in the report's figures; the report's others keep counting.</summary>
public sealed class RetractFigure(Incident incident, string reportId, int index, string reason, Actor actor)
    : PictureChange<(FigureRetractResult, Retraction?), FigureRetracted>
{
    private Retraction? _retraction;

    public override async Task<Decision<(FigureRetractResult, Retraction?)>> DecideAsync(DashboardDbContext db, DateTimeOffset now)
    {
        var report = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction).Include(r => r.FigureRetractions)
            .SingleOrDefaultAsync(r => r.Id == reportId && r.IncidentId == incident.Id);
        if (report is null)
            return Unchanged((FigureRetractResult.UnknownReport, null));
        if (index < 0 || index >= report.Figures.Count)
            return Unchanged((FigureRetractResult.UnknownFigure, null));
        // Withdrawn already, alone or with its whole report.
        if (report.FigureRetractions.FirstOrDefault(x => x.FigureIndex == index) is { } alone)
            return Unchanged((FigureRetractResult.AlreadyRetracted, new Retraction(alone.RetractedAt, alone.Reason, alone.RetractedBy)));
        if (report.Retraction is { } whole)
            return Unchanged((FigureRetractResult.AlreadyRetracted, new Retraction(whole.RetractedAt, whole.Reason, whole.RetractedBy)));

        db.FigureRetractions.Add(new FigureRetractionEntity
        {
            ReportSequence = report.Sequence, FigureIndex = index, RetractedAt = now, RetractedAtUtcTicks = now.UtcTicks, Reason = reason, RetractedBy = actor.Name,
        });
        _retraction = new Retraction(now, reason, actor.Name);
        var figure = report.Figures[index];
        return new((FigureRetractResult.Retracted, _retraction),
            new ChangeEntity { IncidentId = incident.Id, ReportSequence = report.Sequence, FigureIndex = index },
            AuditEntryEntity.For(actor, now, "retract figure", incident.Slug,
                $"Withdrew figure {index} of report '{reportId}' ({Localization.Languages.In(Localization.Languages.Default, () => Terms.Heading(figure.Group, figure.Status))}, {figure.Scope}{(figure.Organisation is null ? "" : ", " + figure.Organisation)}: {figure.Count}): {reason}"));
    }

    public override bool AnotherWroteFirst(out (FigureRetractResult, Retraction?) result)
    {
        result = (FigureRetractResult.AlreadyRetracted, null);
        return true;
    }

    public override void Count(Observability.DashboardMetrics metrics) => metrics.Retracted(incident.Slug);

    protected override Task<FigureRetracted> LoggedAsync(DashboardDbContext db, ChangeEntity row) =>
        Task.FromResult(new FigureRetracted(row.Sequence, reportId, index, _retraction!));
}

public sealed record FigureRetracted(long Sequence, string ReportId, int FigureIndex, Retraction Retraction) : LoggedChange(Sequence), ILoggedKind<FigureRetracted>
{
    public static ChangeKind Kind => ChangeKind.FigureRetracted;

    internal override void ApplyTo(Live.IncidentPicture.Edit picture) => picture.Withdraw(ReportId, FigureIndex, Retraction);

    public override IEnumerable<string> ReportIds => [ReportId];

    public override DateTimeOffset? MadeAt => Retraction.At;

    public static async Task<IEnumerable<FigureRetracted>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken)
    {
        var reports = rows.Select(c => c.First).Distinct().ToList();
        var withdrawn = (await reading.Db.FigureRetractions.AsNoTracking()
            .Where(x => reports.Contains(x.ReportSequence))
            .Join(reading.Db.Reports, x => x.ReportSequence, r => r.Sequence, (x, r) => new { x.ReportSequence, x.FigureIndex, r.Id, x.RetractedAt, x.Reason, x.RetractedBy })
            .ToListAsync(cancellationToken))
            .ToDictionary(x => (x.ReportSequence, x.FigureIndex));
        return rows.Select(row =>
        {
            var x = withdrawn[(row.First, row.FigureIndex!.Value)];
            return new FigureRetracted(row.Sequence, x.Id, x.FigureIndex, new Retraction(x.RetractedAt, x.Reason, x.RetractedBy));
        });
    }
}
