using System.Threading.Channels;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

public enum WriteResult { Created, AlreadyStored }

public sealed record WriteOutcome(WriteResult Result, Report Report);

public sealed class ReportIdConflictException(IReadOnlyList<string> ids)
    : Exception($"Report id(s) already used by another incident: {string.Join(", ", ids)}")
{
    public IReadOnlyList<string> Ids { get; } = ids;
}

/// <summary>
/// The only writer of reports. Concurrent submissions are grouped into one transaction (group commit), so each
/// fsync acknowledges many reports at once; a failing group is retried one submission at a time so one bad
/// submission never takes others down with it. A submission of several reports is all-or-nothing.
/// </summary>
public sealed class ReportJournal : IAsyncDisposable, IDisposable
{
    private const int MaxSubmissionsPerTransaction = 512;

    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReportJournal> _logger;
    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>(new() { SingleReader = true });
    private readonly Task _writer;

    /// <summary>Raised on the writer after a transaction commits, with the reports it stored.</summary>
    public event Action<IReadOnlyList<Report>>? Committed;

    public ReportJournal(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock, ILogger<ReportJournal> logger)
    {
        _contexts = contexts;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, string action, CancellationToken cancellationToken = default)
    {
        var submission = new Submission(incident, reports, actor, action);
        await _queue.Writer.WriteAsync(submission, cancellationToken);
        // Not cancellable once queued: the write may already be committing, and the caller must learn its outcome.
        return await submission.Outcome.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Submission>(MaxSubmissionsPerTransaction);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxSubmissionsPerTransaction && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                await CommitAsync(batch);
            }
            // Retried one by one only when the group may hold one bad submission; a busy or full database fails them all alike.
            catch (Exception groupFailure) when (batch.Count > 1 && Api.DatabaseUnavailableFilter.Unavailable(groupFailure) is null)
            {
                _logger.LogWarning(groupFailure, "A group of {Count} submissions failed; retrying them one by one", batch.Count);
                foreach (var single in batch)
                {
                    try { await CommitAsync([single]); }
                    catch (Exception e) { single.Outcome.TrySetException(e); }
                }
            }
            catch (Exception e)
            {
                foreach (var failed in batch) failed.Outcome.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task CommitAsync(IReadOnlyList<Submission> batch)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        // Entities are added in chunks and forgotten once written; nothing else is tracked, so nothing needs detecting.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
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
        var added = new Dictionary<string, (ReportEntity Entity, Incident Incident)>();
        var audit = new List<AuditEntryEntity>(batch.Count);
        var accepted = new List<Submission>(batch.Count);
        foreach (var submission in batch)
        {
            var slug = submission.Incident.Slug;
            var taken = submission.Reports
                .Where(r => stored.TryGetValue(r.Id, out var s) ? s.IncidentSlug != slug
                    : added.TryGetValue(r.Id, out var a) && a.Incident.Slug != slug)
                .Select(r => r.Id)
                .ToArray();
            if (taken.Length > 0)
            {
                // All or nothing: a submission that clashes with another incident's reports writes none of its own.
                submission.Outcome.TrySetException(new ReportIdConflictException(taken));
                continue;
            }
            var created = new List<string>();
            foreach (var report in submission.Reports.Where(r => !stored.ContainsKey(r.Id) && !added.ContainsKey(r.Id)))
            {
                var entity = ReportEntity.From(submission.Incident.Id, report, recordedAt);
                added[report.Id] = (entity, submission.Incident);
                created.Add(report.Id);
            }
            // The change and its record are one transaction: there is no write without its audit entry.
            if (created.Count > 0)
                audit.Add(AuditEntryEntity.For(submission.Actor, recordedAt, submission.Action, slug,
                    $"{created.Count} report(s) stored, {submission.Reports.Count - created.Count} already stored: {string.Join(", ", created)}"));
            accepted.Add(submission);
        }

        if (added.Count > 0)
            await SaveAsync(db, added.Values.Select(a => a.Entity).ToArray(), audit);

        var committed = added.Values.Select(a => a.Entity.ToModel(a.Incident.Slug)).ToDictionary(r => r.Id);
        if (committed.Count > 0)
            Committed?.Invoke(committed.Values.ToArray());

        var reportedCreated = new HashSet<string>();
        foreach (var submission in accepted)
        {
            submission.Outcome.TrySetResult(submission.Reports.Select(r =>
                committed.TryGetValue(r.Id, out var report) && reportedCreated.Add(r.Id)
                    ? new WriteOutcome(WriteResult.Created, report)
                    : new WriteOutcome(WriteResult.AlreadyStored, stored.GetValueOrDefault(r.Id) ?? committed[r.Id])).ToArray());
        }
    }

    // One transaction however many reports: a large import is written in chunks so that the change tracker holds a
    // few hundred entities at a time (time and memory grow with what it tracks), and commits all of them or none.
    private const int ChunkSize = 500;

    private static async Task SaveAsync(DashboardDbContext db, IReadOnlyCollection<ReportEntity> reports, List<AuditEntryEntity> audit)
    {
        if (reports.Count <= ChunkSize)
        {
            // The usual group commit: one SaveChanges, in the transaction EF opens for it.
            db.Reports.AddRange(reports);
            db.Audit.AddRange(audit);
            await db.SaveChangesAsync();
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var chunk in reports.Chunk(ChunkSize))
        {
            db.Reports.AddRange(chunk);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        db.Audit.AddRange(audit);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Stops taking submissions and waits for those already queued to be written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Submission(Incident Incident, IReadOnlyList<NewReport> Reports, Actor Actor, string Action)
    {
        public TaskCompletionSource<IReadOnlyList<WriteOutcome>> Outcome { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
