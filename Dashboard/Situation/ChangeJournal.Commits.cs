using Dashboard.Situation.Live;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

// The three kinds of transaction the journal writes. Each, once committed, raises the change signal (whose listeners
// only take note) and answers its writers; none is ever run by two writers at once.
public sealed partial class ChangeJournal
{
    private async Task CommitReportsAsync(IReadOnlyList<ReportWork> batch)
    {
        // One commit for many writers: part of the first one's trace, linked to all of theirs.
        using var activity = Observability.DashboardMetrics.Activities.StartActivity("journal.commit", System.Diagnostics.ActivityKind.Internal,
            batch[0].Trace, links: batch.Where(w => w.Trace != default).Select(w => new System.Diagnostics.ActivityLink(w.Trace)));
        activity?.SetTag("dashboard.submissions", batch.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var db = _contexts.CreateDbContext();
        // Entities are added in chunks and forgotten once written; nothing else is tracked, so nothing needs detecting.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Taken before anything is read, so that what the log held before this commit cannot change under it.
        await using var transaction = await BeginAsync(db);
        var ids = batch.SelectMany(s => s.Reports).Select(r => r.Id).Distinct().ToList();
        // A group commit brings a few ids, one SQL parameter each; an import brings tens of thousands, sent as one
        // JSON array parameter (one parameter per id took 1.5 s for 20,000).
        var candidates = ids.Count <= 100
            ? db.Reports.Where(r => ids.Contains(r.Id))
            : db.Reports.Where(r => EF.Parameter(ids).Contains(r.Id));
        var stored = await candidates.AsNoTracking()
            .Select(r => new { Entity = r, Slug = r.Incident!.Slug })
            .ToDictionaryAsync(r => r.Entity.Id, r => r.Entity.ToModel(r.Slug));

        var recordedAt = _clock.GetUtcNow();
        var sources = new SourceRegister(db);
        await sources.LoadAsync(batch.SelectMany(s => s.Reports.Select(r => (s.Incident.Id, r))));
        var added = new Dictionary<string, (ReportEntity Entity, Incident Incident, NewReport Report)>();
        var audit = new List<AuditEntryEntity>(batch.Count);
        var accepted = new List<ReportWork>(batch.Count);
        foreach (var submission in batch)
        {
            var slug = submission.Incident.Slug;
            var taken = submission.Reports
                .Where(r => stored.TryGetValue(r.Id, out var s) ? s.IncidentSlug != slug
                    : added.TryGetValue(r.Id, out var a) && a.Incident.Slug != slug)
                .Select(r => r.Id)
                .ToArray();
            // All or nothing: a submission that clashes with other reports writes none of its own.
            if (taken.Length > 0)
            {
                submission.Fail(new ReportIdConflictException(taken, ReportIdConflictException.OtherIncident));
                continue;
            }
            var rewritten = submission.Reports
                .Where(r => stored.TryGetValue(r.Id, out var s) ? !r.SaysTheSameAs(s.AsSubmitted())
                    : added.TryGetValue(r.Id, out var a) && !r.SaysTheSameAs(a.Report))
                .Select(r => r.Id)
                .ToArray();
            if (rewritten.Length > 0)
            {
                submission.Fail(new ReportIdConflictException(rewritten, ReportIdConflictException.OtherContent));
                continue;
            }
            var fresh = submission.Reports.Where(r => !stored.ContainsKey(r.Id) && !added.ContainsKey(r.Id)).ToArray();
            // A known source keeps its kind: a report giving it another is refused, with its whole submission.
            var refused = submission.Reports.Select((r, i) => (Report: i, Message: fresh.Contains(r) ? sources.Refusal(submission.Incident.Id, r.Source) : null))
                .Where(r => r.Message is not null).Select(r => (r.Report, r.Message!)).ToArray();
            if (refused.Length > 0)
            {
                submission.Fail(new SourceKindConflictException(refused));
                continue;
            }
            var created = new List<string>();
            foreach (var report in fresh)
            {
                sources.Note(submission.Incident.Id, report.Source);
                added[report.Id] = (ReportEntity.From(submission.Incident.Id, report, recordedAt), submission.Incident, report);
                created.Add(report.Id);
            }
            // The change and its record are one transaction: there is no write without its audit entry.
            if (created.Count > 0)
                audit.Add(AuditEntryEntity.For(submission.Actor, recordedAt, submission.Action, slug,
                    $"{created.Count} report(s) stored, {submission.Reports.Count - created.Count} already stored: {string.Join(", ", created)}"));
            accepted.Add(submission);
        }

        if (added.Count == 0)
        {
            AnswerAll(accepted, stored, [], []);
            return;
        }
        var byIncident = added.Values.GroupBy(a => a.Incident.Id).ToArray();
        var lastBefore = await LastChangesAsync(db, byIncident.Select(g => g.Key).ToList());
        await SaveAsync(db, added.Values.Select(a => a.Entity).ToArray(), audit);
        // One log row per incident: its reports of this commit are one range of sequences, as nothing else writes now.
        var changes = byIncident.ToDictionary(g => g.Key, g => new ChangeEntity
        {
            Kind = ChangeKind.ReportStored, IncidentId = g.Key,
            ReportSequence = g.Min(a => a.Entity.Sequence), LastReportSequence = g.Max(a => a.Entity.Sequence),
        });
        db.Changes.AddRange(changes.Values);
        await db.SaveChangesAsync();
        var notice = new ChangeNotice(changes.Keys.ToHashSet(), IncidentsChanged: false);
        await AnnounceAndCommitAsync(db, transaction, notice);

        _metrics.GroupCommitted(added.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        foreach (var kind in added.Values.GroupBy(a => (a.Incident.Slug, a.Report.Source.Kind)))
            _metrics.ReportsCommitted(kind.Key.Slug, Vocabulary.WireName(kind.Key.Kind), kind.Count());
        activity?.SetTag("dashboard.reports", added.Count);
        var committed = added.Values.ToDictionary(a => a.Entity.Id, a => a.Entity.ToModel(a.Incident.Slug));
        var runs = byIncident
            .Select(g => new CommittedRun(g.Key, lastBefore.GetValueOrDefault(g.Key),
                [new ReportsStored(changes[g.Key].Sequence, g.Select(a => committed[a.Entity.Id]).OrderBy(r => r.Sequence).ToArray())]))
            .ToArray();
        var sequenceByIncident = changes.ToDictionary(c => c.Key, c => c.Value.Sequence);
        _signal.Raise(notice with { Runs = runs, CommittedAt = System.Diagnostics.Stopwatch.GetTimestamp(), Trace = activity?.Context ?? batch[0].Trace });
        AnswerAll(accepted, stored, committed, sequenceByIncident);
    }

    private static void AnswerAll(List<ReportWork> accepted, Dictionary<string, Report> stored, Dictionary<string, Report> committed, Dictionary<int, long> sequenceByIncident)
    {
        var reportedCreated = new HashSet<string>();
        foreach (var submission in accepted)
        {
            submission.Answer(submission.Reports.Select(r =>
                committed.TryGetValue(r.Id, out var report) && reportedCreated.Add(r.Id)
                    ? new WriteOutcome(WriteResult.Created, report)
                    : new WriteOutcome(WriteResult.AlreadyStored, stored.GetValueOrDefault(r.Id) ?? committed[r.Id])).ToArray(),
                sequenceByIncident.GetValueOrDefault(submission.Incident.Id));
        }
    }

    // Each incident's last change before this commit, of those its picture applies (not its creation): read inside the
    // commit's own transaction, so it is exact.
    private static async Task<Dictionary<int, long>> LastChangesAsync(DashboardDbContext db, List<int> incidentIds) =>
        await db.Changes.Where(c => incidentIds.Contains(c.IncidentId) && c.Kind != ChangeKind.IncidentCreated)
            .GroupBy(c => c.IncidentId)
            .Select(g => new { Incident = g.Key, Last = g.Max(c => c.Sequence) })
            .ToDictionaryAsync(x => x.Incident, x => x.Last);

    // Other processes hear of the change from inside its transaction, so exactly when it commits and never of a rollback.
    private async Task AnnounceAndCommitAsync(DashboardDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, ChangeNotice notice)
    {
        await _signal.AnnounceAsync(db, notice);
        await transaction.CommitAsync();
    }

    // The whole commit is one transaction (a savepoint per SaveChanges would only add commands), and the only one
    // writing the log while it runs, in any process.
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(DashboardDbContext db)
    {
        db.Database.AutoSavepointsEnabled = false;
        var transaction = await db.Database.BeginTransactionAsync();
        await _contexts.TakeJournalTurnAsync(db);
        return transaction;
    }

    // A large import is written in chunks so that the change tracker holds a few hundred entities at a time (time and
    // memory grow with what it tracks); all in the caller's one transaction, so all of them or none.
    private const int ChunkSize = 500;

    private static async Task SaveAsync(DashboardDbContext db, IReadOnlyCollection<ReportEntity> reports, List<AuditEntryEntity> audit)
    {
        var chunks = reports.Chunk(ChunkSize).ToArray();
        for (var i = 0; i < chunks.Length; i++)
        {
            db.Reports.AddRange(chunks[i]);
            var last = i == chunks.Length - 1;
            if (last)
                db.Audit.AddRange(audit); // the usual group commit is this one SaveChanges: reports and audit
            await db.SaveChangesAsync();
            if (!last)
                db.ChangeTracker.Clear();
        }
    }

    private async Task CommitRetractionAsync(RetractionWork work)
    {
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        var report = await db.Reports.AsNoTracking()
            .Where(r => r.Id == work.ReportId && r.IncidentId == work.Incident.Id)
            .Select(r => new { r.Sequence, r.Retraction })
            .SingleOrDefaultAsync();
        if (report is null)
        {
            work.Answer((RetractResult.UnknownReport, null), 0);
            return;
        }
        if (report.Retraction is { } existing)
        {
            work.Answer((RetractResult.AlreadyRetracted, new Retraction(existing.RetractedAt, existing.Reason, existing.RetractedBy)), 0);
            return;
        }

        var at = _clock.GetUtcNow();
        db.Retractions.Add(new RetractionEntity
        {
            ReportSequence = report.Sequence, RetractedAt = at, RetractedAtUtcTicks = at.UtcTicks, Reason = work.Reason, RetractedBy = work.Actor.Name,
        });
        var change = new ChangeEntity { Kind = ChangeKind.ReportRetracted, IncidentId = work.Incident.Id, ReportSequence = report.Sequence };
        db.Changes.Add(change);
        db.Audit.Add(AuditEntryEntity.For(work.Actor, at, "retract", work.Incident.Slug, $"Retracted report '{work.ReportId}': {work.Reason}"));
        var lastBefore = await LastChangesAsync(db, [work.Incident.Id]);
        var notice = new ChangeNotice(new HashSet<int> { work.Incident.Id }, IncidentsChanged: false);
        try
        {
            await db.SaveChangesAsync();
            await AnnounceAndCommitAsync(db, transaction, notice);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another process retracted it first.
            work.Answer((RetractResult.AlreadyRetracted, null), 0);
            return;
        }
        _metrics.Retracted(work.Incident.Slug);
        var retraction = new Retraction(at, work.Reason, work.Actor.Name);
        _signal.Raise(notice with
        {
            Runs = [new CommittedRun(work.Incident.Id, lastBefore.GetValueOrDefault(work.Incident.Id), [new ReportRetracted(change.Sequence, work.ReportId, retraction)])],
        });
        work.Answer((RetractResult.Retracted, retraction), change.Sequence);
    }

    private async Task CommitEndAsync(EndWork work)
    {
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        var entity = await db.Incidents.SingleAsync(i => i.Id == work.Incident.Id);
        if (entity.EndedAt == work.EndedAt)
        {
            work.Answer(EndResult.Unchanged, 0);
            return;
        }
        var lastBefore = await LastChangesAsync(db, [entity.Id]);
        entity.EndedAt = work.EndedAt;
        var change = new ChangeEntity { Kind = ChangeKind.IncidentEnded, IncidentId = entity.Id };
        db.Changes.Add(change);
        db.Audit.Add(AuditEntryEntity.For(work.Actor, _clock.GetUtcNow(), work.EndedAt is null ? "reopen incident" : "end incident", entity.Slug,
            work.EndedAt is { } at ? $"Marked '{entity.Name}' ended at {at:yyyy-MM-dd HH:mm zzz}." : $"Marked '{entity.Name}' as going on (no longer ended)."));
        await db.SaveChangesAsync();
        var notice = new ChangeNotice(new HashSet<int> { entity.Id }, IncidentsChanged: true);
        await AnnounceAndCommitAsync(db, transaction, notice);
        _signal.Raise(notice with
        {
            Runs = [new CommittedRun(entity.Id, lastBefore.GetValueOrDefault(entity.Id), [new IncidentEndChanged(change.Sequence, work.EndedAt)])],
        });
        work.Answer(work.EndedAt is null ? EndResult.Reopened : EndResult.Ended, change.Sequence);
    }

    private async Task CommitGradeAsync(GradeWork work)
    {
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        var key = SourceGradeEntity.KeyOf(work.SourceName);
        var grade = await db.SourceGrades.SingleOrDefaultAsync(g => g.IncidentId == work.Incident.Id && g.SourceKey == key);
        if (grade?.Reliability == work.Reliability)
        {
            work.Answer(GradeResult.Unchanged, 0);
            return;
        }
        var at = _clock.GetUtcNow();
        var was = grade?.Reliability;
        if (grade is null)
            db.SourceGrades.Add(grade = new SourceGradeEntity { IncidentId = work.Incident.Id, SourceKey = key, SourceName = work.SourceName, GradedBy = work.Actor.Name });
        (grade.SourceName, grade.Reliability, grade.GradedAt, grade.GradedBy) = (work.SourceName, work.Reliability, at, work.Actor.Name);
        var lastBefore = await LastChangesAsync(db, [work.Incident.Id]);
        var change = new ChangeEntity { Kind = ChangeKind.SourceGraded, IncidentId = work.Incident.Id, SourceGrade = grade };
        db.Changes.Add(change);
        db.Audit.Add(AuditEntryEntity.For(work.Actor, at, "grade source", work.Incident.Slug,
            $"Graded source '{work.SourceName}' {GradeWords(work.Reliability)}, was {GradeWords(was)}."));
        await db.SaveChangesAsync();
        var notice = new ChangeNotice(new HashSet<int> { work.Incident.Id }, IncidentsChanged: false);
        await AnnounceAndCommitAsync(db, transaction, notice);
        _signal.Raise(notice with
        {
            Runs = [new CommittedRun(work.Incident.Id, lastBefore.GetValueOrDefault(work.Incident.Id), [new SourceGraded(change.Sequence, work.SourceName, work.Reliability)])],
        });
        work.Answer(GradeResult.Graded, change.Sequence);
    }

    private static string GradeWords(string? reliability) =>
        reliability is null ? Admiralty.Ungraded : $"{reliability} ({Admiralty.ReliabilityWords(reliability)})";

    private async Task CommitIncidentAsync(IncidentWork work)
    {
        var incident = work.Incident;
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        if (await db.Incidents.AnyAsync(i => i.Slug == incident.Slug))
        {
            work.Answer(CreateIncidentResult.SlugTaken, 0);
            return;
        }
        var entity = new IncidentEntity
        {
            Slug = incident.Slug, Name = incident.Name, HostCountry = incident.HostCountry,
            TimeZone = incident.TimeZone, StartedAt = incident.StartedAt, Location = incident.Location,
        };
        var change = new ChangeEntity { Kind = ChangeKind.IncidentCreated, Incident = entity };
        db.Incidents.Add(entity);
        db.Changes.Add(change);
        db.Audit.Add(AuditEntryEntity.For(work.Actor, _clock.GetUtcNow(), "create incident", incident.Slug, $"Created '{incident.Name}' (host {incident.HostCountry})."));
        try
        {
            await db.SaveChangesAsync();
            await AnnounceAndCommitAsync(db, transaction, new ChangeNotice(new HashSet<int>(), IncidentsChanged: true));
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            work.Answer(CreateIncidentResult.SlugTaken, 0); // another process created it first
            return;
        }
        _signal.Raise(new ChangeNotice(new HashSet<int> { entity.Id }, IncidentsChanged: true));
        work.Answer(CreateIncidentResult.Created, change.Sequence);
    }
}
