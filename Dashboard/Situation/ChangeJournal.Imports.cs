using Dashboard.Data;
using Dashboard.Situation.Changes;
using Dashboard.Situation.Ingestion;
using Dashboard.Situation.Live;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

/// <summary>What an import stored: the reports that were new, and those stored already (or given twice in the file).</summary>
public sealed record ImportCounts(int Created, int AlreadyStored);

// An import is written in two steps so that it never holds the writer (and on PostgreSQL every instance's writers) for
// the whole file: its reports are staged a hundred at a time, each chunk a short transaction, and then one short turn
// of the writer checks them and copies them into Reports with one statement.
public sealed partial class ChangeJournal
{
    private const int StagingChunk = 100;

    // How long an import's staged rows may wait before start-up takes them for abandoned (their process died).
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>Stores an import's reports all-or-nothing, in the file's order, committed by one short turn of the writer.</summary>
    public async Task<Committed<ImportCounts>> ImportReportsAsync(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, CancellationToken cancellationToken = default)
    {
        var import = Guid.NewGuid().ToString("N");
        try
        {
            var staging = System.Diagnostics.Stopwatch.GetTimestamp();
            await StageAsync(import, incident, reports, cancellationToken);
            _logger.LogDebug("Import {Import}: {Count} report(s) staged in {Elapsed} ms", import, reports.Count, System.Diagnostics.Stopwatch.GetElapsedTime(staging).TotalMilliseconds);
            return await EnqueueAsync(new CommitImport(import, incident, reports, actor), cancellationToken);
        }
        finally
        {
            await UnstageAsync(import);
        }
    }

    // Each chunk is a short turn of the writer's own, queued in arrival order with other writers' work: on SQLite a
    // staging transaction beside the writer fought it for the database's one write lock, and SQLite's busy wait let the
    // next chunk in first (other writers' p95 went from 20 ms to 462 ms while staging). So another writer waits at most
    // one chunk, and the import's check and copy are one more turn.
    private async Task StageAsync(string import, Incident incident, IReadOnlyList<NewReport> reports, CancellationToken cancellationToken)
    {
        var at = _clock.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // A report given twice in the file (the same words: the importer refuses any other) is staged once.
        var rows = reports.Select((report, position) => (report, position)).Where(r => seen.Add(r.report.Id))
            .Select(r => StagedReportEntity.From(import, r.position, incident.Id, r.report, at));
        foreach (var chunk in rows.Chunk(StagingChunk))
            await EnqueueAsync(new StageImport(chunk), cancellationToken);
    }

    internal async Task StageChunkAsync(StageImport work)
    {
        await using var db = _contexts.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.StagedReports.AddRange(work.Rows);
        await db.SaveChangesAsync();
        work.Answer(work.Rows.Count, 0);
    }

    private async Task UnstageAsync(string import)
    {
        try
        {
            await using var db = _contexts.CreateDbContext();
            // In small deletes, as it was staged: a long one would hold up every other writer on SQLite.
            while (await db.StagedReports.Where(s => s.Import == import).OrderBy(s => s.Id).Take(StagingChunk).ExecuteDeleteAsync() > 0)
            {
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not remove the staged rows of import {Import}; start-up removes them later", import);
        }
    }

    /// <summary>Removes staged rows of imports that never finished (their process stopped mid-import).</summary>
    public async Task RemoveAbandonedImportsAsync(CancellationToken cancellationToken = default)
    {
        var before = (_clock.GetUtcNow() - AbandonedAfter).UtcTicks;
        await using var db = _contexts.CreateDbContext();
        var removed = await db.StagedReports.Where(s => s.StagedAtUtcTicks < before).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
            _logger.LogInformation("Removed {Count} staged report(s) of imports that never finished", removed);
    }

    internal async Task CommitImportAsync(CommitImport work)
    {
        using var activity = Observability.DashboardMetrics.Activities.StartActivity("journal.import", System.Diagnostics.ActivityKind.Internal, work.Trace);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (incidentId, slug) = (work.Incident.Id, work.Incident.Slug);
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        var staged = db.StagedReports.Where(s => s.Import == work.Import);
        // From the staged rows into the reports' unique index: as many lookups as the file has reports, not a scan.
        var stored = await staged.Join(db.Reports, s => s.ReportId, r => r.Id, (s, r) => r).AsNoTracking()
            .Select(r => new { Entity = r, Slug = r.Incident!.Slug })
            .ToDictionaryAsync(r => r.Entity.Id, r => r.Entity.ToModel(r.Slug));
        // A file's repeated ids say the same (the importer refuses any other), so its first of each stands for all.
        if (Clash(work.Reports.DistinctBy(r => r.Id), slug, id => stored.TryGetValue(id, out var s) ? (s.IncidentSlug, s.AsSubmitted()) : null) is { } clash)
        {
            work.Fail(clash);
            return;
        }
        var fresh = work.Reports.DistinctBy(r => r.Id).Where(r => !stored.ContainsKey(r.Id)).ToArray();
        var sources = new SourceRegister(db);
        await sources.LoadAsync(fresh.Select(r => (incidentId, r)));
        var refused = work.Reports.Select((r, i) => (Report: i, Message: stored.ContainsKey(r.Id) ? null : sources.Refusal(incidentId, r.Source)))
            .Where(r => r.Message is not null).Select(r => (r.Report, r.Message!)).ToArray();
        if (refused.Length > 0)
        {
            work.Fail(new SourceKindConflictException(refused));
            return;
        }
        if (fresh.Length == 0)
        {
            work.Answer(new ImportCounts(0, work.Reports.Count), 0);
            return;
        }

        foreach (var report in fresh)
            sources.Note(incidentId, report.Source);
        var recordedAt = _clock.GetUtcNow();
        db.Audit.Add(AuditEntryEntity.For(work.Actor, recordedAt, "import", slug,
            $"{fresh.Length} report(s) stored, {work.Reports.Count - fresh.Length} already stored: {string.Join(", ", fresh.Take(100).Select(r => r.Id))}"));
        await db.SaveChangesAsync();
        var lastBefore = (await LastChangesAsync(db, [incidentId])).GetValueOrDefault(incidentId);
        var before = await db.Reports.Where(r => r.IncidentId == incidentId).MaxAsync(r => (long?)r.Sequence) ?? 0;
        var copying = System.Diagnostics.Stopwatch.GetTimestamp();
        var copied = await db.Database.ExecuteSqlRawAsync(CopyStagedSql, work.Import, StoredForm(db, recordedAt));
        var copyTook = System.Diagnostics.Stopwatch.GetElapsedTime(copying);
        if (copied != fresh.Length)
            throw new InvalidOperationException($"An import staged {fresh.Length} new report(s) but {copied} were copied; nothing was stored.");
        // Nothing else writes reports in the writer's turn, so the import's reports are the incident's after `before`.
        var ours = db.Reports.Where(r => r.IncidentId == incidentId && r.Sequence > before);
        var change = new ChangeEntity
        {
            Kind = ChangeKind.ReportStored, IncidentId = incidentId,
            ReportSequence = await ours.MinAsync(r => r.Sequence), LastReportSequence = await ours.MaxAsync(r => r.Sequence),
        };
        db.Changes.Add(change);
        await db.SaveChangesAsync();
        var notice = new ChangeNotice(new HashSet<int> { incidentId }, IncidentsChanged: false);
        await AnnounceAndCommitAsync(db, transaction, notice);

        _metrics.GroupCommitted(fresh.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        foreach (var kind in fresh.GroupBy(r => r.Source.Kind))
            _metrics.ReportsCommitted(slug, Vocabulary.WireName(kind.Key), kind.Count());
        activity?.SetTag("dashboard.reports", fresh.Length);
        // Without the reports: the pictures read an import from the log in chunks, outside the writer.
        _signal.Raise(notice with { CommittedAt = System.Diagnostics.Stopwatch.GetTimestamp(), Trace = activity?.Context ?? work.Trace });
        work.Answer(new ImportCounts(fresh.Length, work.Reports.Count - fresh.Length), change.Sequence);
        _logger.LogDebug("Import {Import}: {Count} report(s) committed in {Elapsed} ms, of which the copy took {Copy} ms",
            work.Import, copied, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, copyTook.TotalMilliseconds);
    }

    // Both providers take this as written (quoted names, the same columns); the file's order is the order of sequences.
    private const string CopyStagedSql = """
        INSERT INTO "Reports" ("Id", "IncidentId", "ReportedAt", "ReportedAtUtcTicks", "SourceName", "SourceKind", "Statement", "StatementTranslations", "Note", "Credibility", "RecordedAt", "Figures", "Event", "People")
        SELECT s."ReportId", s."IncidentId", s."ReportedAt", s."ReportedAtUtcTicks", s."SourceName", s."SourceKind", s."Statement", s."StatementTranslations", s."Note", s."Credibility", {1}, s."Figures", s."Event", s."People"
        FROM "StagedReports" AS s
        WHERE s."Import" = {0} AND NOT EXISTS (SELECT 1 FROM "Reports" AS r WHERE r."Id" = s."ReportId")
        ORDER BY s."Position"
        """;

    // The moment as the provider stores it (PostgreSQL keeps instants as text with their offset, SQLite natively as text).
    private static object StoredForm(DashboardDbContext db, DateTimeOffset at) =>
        db.Model.FindEntityType(typeof(ReportEntity))!.FindProperty(nameof(ReportEntity.RecordedAt))!.GetTypeMapping().Converter?.ConvertToProvider(at) ?? at;
}
