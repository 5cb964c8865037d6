using Dashboard.Situation.Live;
using Dashboard.Data;
using Dashboard.Situation.Changes;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

// The journal's two commits: stored reports, many writers' at once, and every other kind alone by one template. Each,
// once committed, raises the change signal (whose listeners only take note) and answers its writers; none is ever run
// by two writers at once.
public sealed partial class ChangeJournal
{
    internal async Task CommitReportsAsync(IReadOnlyList<StoreReports> batch)
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
        var accepted = new List<StoreReports>(batch.Count);
        foreach (var submission in batch)
        {
            var slug = submission.Incident.Slug;
            // All or nothing: a submission that clashes with other reports writes none of its own.
            if (Clash(submission.Reports, slug, id => stored.TryGetValue(id, out var s) ? (s.IncidentSlug, s.AsSubmitted())
                    : added.TryGetValue(id, out var a) ? (a.Incident.Slug, a.Report) : null) is { } clash)
            {
                submission.Fail(clash);
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

    // A report id that another incident holds, or that now says something else, refuses the whole submission. `known` is
    // what an id already stands for: stored before, or written earlier in the same commit.
    private static ReportIdConflictException? Clash(IEnumerable<NewReport> reports, string slug, Func<string, (string Slug, NewReport Report)?> known)
    {
        var seen = reports.Select(r => (r, Known: known(r.Id))).Where(x => x.Known is not null).Select(x => (Report: x.r, Known: x.Known!.Value)).ToArray();
        var taken = seen.Where(x => x.Known.Slug != slug).Select(x => x.Report.Id).ToArray();
        if (taken.Length > 0)
            return new ReportIdConflictException(taken, ReportIdConflictException.OtherIncident);
        var rewritten = seen.Where(x => !x.Report.SaysTheSameAs(x.Known.Report)).Select(x => x.Report.Id).ToArray();
        return rewritten.Length > 0 ? new ReportIdConflictException(rewritten, ReportIdConflictException.OtherContent) : null;
    }

    private static void AnswerAll(List<StoreReports> accepted, Dictionary<string, Report> stored, Dictionary<string, Report> committed, Dictionary<int, long> sequenceByIncident)
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
        var waiting = System.Diagnostics.Stopwatch.GetTimestamp();
        await _contexts.TakeJournalTurnAsync(db);
        _metrics.JournalTurnTaken(System.Diagnostics.Stopwatch.GetElapsedTime(waiting));
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

    /// <summary>
    /// The one commit of every kind but stored reports: the change decides in the writer's turn, then its log row and
    /// audit entry are written, announced and committed together; pictures get what it reads back, and its writer the answer.
    /// </summary>
    internal async Task CommitAsync<T>(SingleChange<T> work)
    {
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        var decision = await work.DecideAsync(db, _clock.GetUtcNow());
        if (decision is not { Row: { } row, Audit: { } audit })
        {
            work.Answer(decision.Result, 0);
            return;
        }
        row.Kind = work.Kind;
        // A new incident's row has no id until it is saved, and no change before it to look for.
        var lastBefore = row.IncidentId == 0 ? 0 : (await LastChangesAsync(db, [row.IncidentId])).GetValueOrDefault(row.IncidentId);
        db.Changes.Add(row);
        db.Audit.Add(audit);
        ChangeNotice notice;
        try
        {
            await db.SaveChangesAsync();
            notice = new ChangeNotice(new HashSet<int> { row.IncidentId }, work.ChangesTheIncident);
            await AnnounceAndCommitAsync(db, transaction, notice);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e) && work.AnotherWroteFirst(out var lost))
        {
            work.Answer(lost, 0);
            return;
        }
        work.Count(_metrics);
        var logged = await work.ReadBackAsync(db, row);
        _signal.Raise(logged is null ? notice : notice with { Runs = [new CommittedRun(row.IncidentId, lastBefore, [logged])] });
        work.Answer(decision.Result, row.Sequence);
    }
}
