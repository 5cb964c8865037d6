using Dashboard.Situation.Live;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

public enum FigureRetractResult { Retracted, UnknownReport, UnknownFigure, AlreadyRetracted }

// Withdrawing one figure of a report: a change of its own in the log, audited, seen by every instance; the report's
// other figures keep counting.
public sealed partial class ChangeJournal
{
    /// <summary>Withdraws figure <paramref name="index"/> (0-based, in the stored report's figures) from now on.</summary>
    public Task<Committed<(FigureRetractResult Result, Retraction? Retraction)>> RetractFigureAsync(
        Incident incident, string reportId, int index, string reason, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new FigureRetractionWork(incident, reportId, index, reason, actor), cancellationToken);

    private async Task CommitFigureRetractionAsync(FigureRetractionWork work)
    {
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        var report = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction).Include(r => r.FigureRetractions)
            .SingleOrDefaultAsync(r => r.Id == work.ReportId && r.IncidentId == work.Incident.Id);
        if (report is null)
        {
            work.Answer((FigureRetractResult.UnknownReport, null), 0);
            return;
        }
        if (work.Index < 0 || work.Index >= report.Figures.Count)
        {
            work.Answer((FigureRetractResult.UnknownFigure, null), 0);
            return;
        }
        // Withdrawn already, alone or with its whole report.
        if (report.FigureRetractions.FirstOrDefault(x => x.FigureIndex == work.Index) is { } alone)
        {
            work.Answer((FigureRetractResult.AlreadyRetracted, new Retraction(alone.RetractedAt, alone.Reason, alone.RetractedBy)), 0);
            return;
        }
        if (report.Retraction is { } whole)
        {
            work.Answer((FigureRetractResult.AlreadyRetracted, new Retraction(whole.RetractedAt, whole.Reason, whole.RetractedBy)), 0);
            return;
        }

        var at = _clock.GetUtcNow();
        db.FigureRetractions.Add(new FigureRetractionEntity
        {
            ReportSequence = report.Sequence, FigureIndex = work.Index, RetractedAt = at, RetractedAtUtcTicks = at.UtcTicks, Reason = work.Reason, RetractedBy = work.Actor.Name,
        });
        var change = new ChangeEntity { Kind = ChangeKind.FigureRetracted, IncidentId = work.Incident.Id, ReportSequence = report.Sequence, FigureIndex = work.Index };
        db.Changes.Add(change);
        var figure = report.Figures[work.Index];
        db.Audit.Add(AuditEntryEntity.For(work.Actor, at, "retract figure", work.Incident.Slug,
            $"Withdrew figure {work.Index} of report '{work.ReportId}' ({Terms.Heading(figure.Group, figure.Status)}, {figure.Scope}{(figure.Organisation is null ? "" : ", " + figure.Organisation)}: {figure.Count}): {work.Reason}"));
        var lastBefore = await LastChangesAsync(db, [work.Incident.Id]);
        var notice = new ChangeNotice(new HashSet<int> { work.Incident.Id }, IncidentsChanged: false);
        try
        {
            await db.SaveChangesAsync();
            await AnnounceAndCommitAsync(db, transaction, notice);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another process withdrew it first.
            work.Answer((FigureRetractResult.AlreadyRetracted, null), 0);
            return;
        }
        _metrics.Retracted(work.Incident.Slug);
        var retraction = new Retraction(at, work.Reason, work.Actor.Name);
        _signal.Raise(notice with
        {
            Runs = [new CommittedRun(work.Incident.Id, lastBefore.GetValueOrDefault(work.Incident.Id), [new FigureRetracted(change.Sequence, work.ReportId, work.Index, retraction)])],
        });
        work.Answer((FigureRetractResult.Retracted, retraction), change.Sequence);
    }

    private sealed class FigureRetractionWork(Incident incident, string reportId, int index, string reason, Actor actor) : Work<(FigureRetractResult, Retraction?)>
    {
        public Incident Incident { get; } = incident;
        public string ReportId { get; } = reportId;
        public int Index { get; } = index;
        public string Reason { get; } = reason;
        public Actor Actor { get; } = actor;
    }
}
