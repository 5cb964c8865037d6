using Dashboard.Situation.Live;
using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Situation.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

public enum WriteResult { Created, AlreadyStored }

public sealed record WriteOutcome(WriteResult Result, Report Report);

public enum CreateIncidentResult { Created, SlugTaken }

public enum RetractResult { Retracted, UnknownReport, AlreadyRetracted }

public enum EndResult { Ended, Reopened, Unchanged }

public enum GradeResult { Graded, Unchanged }

/// <summary>What a write committed, and the change-log sequence a reader must have applied to see it (0: nothing new).</summary>
public sealed record Committed<T>(T Result, long Sequence);

/// <summary>A submission reuses stored report ids for something else; nothing of it was written.</summary>
public sealed class ReportIdConflictException(IReadOnlyList<string> ids, string why)
    : Exception($"Report id(s) {why}: {string.Join(", ", ids)}")
{
    public const string OtherIncident = "already used by another incident";
    public const string OtherContent = "already stored with different content (a later report supersedes; it never edits)";

    public IReadOnlyList<string> Ids { get; } = ids;
}

/// <summary>
/// The only writer of what screens show: incidents, reports and retractions. Each change is written with its row in
/// the change log and its audit entry in one transaction. Concurrent report submissions are grouped into one
/// transaction (group commit), so each fsync acknowledges many reports at once; a failing group is retried one
/// submission at a time so one bad submission never takes others down with it. After a commit the change signal says
/// there is more to read (its listeners only take note) and the writers are answered.
/// </summary>
public sealed partial class ChangeJournal : IAsyncDisposable, IDisposable
{
    private const int MaxWorkPerTransaction = 512;

    private readonly DashboardDatabase _contexts;
    private readonly IChangeSignal _signal;
    private readonly TimeProvider _clock;
    private readonly ILogger<ChangeJournal> _logger;
    private readonly Observability.DashboardMetrics _metrics;
    private readonly Channel<Work> _queue;
    private readonly int _queueLength;
    private readonly Task _writer;

    public ChangeJournal(DashboardDatabase contexts, IChangeSignal signal, TimeProvider clock, ILogger<ChangeJournal> logger, Observability.DashboardMetrics metrics,
        Microsoft.Extensions.Options.IOptions<DatabaseSettings> settings)
    {
        _queueLength = settings.Value.WriteQueueLength;
        _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(_queueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _metrics = metrics;
        _contexts = contexts;
        _signal = signal;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Stores reports all-or-nothing; per report, whether it was new or already stored (same id).</summary>
    public Task<Committed<IReadOnlyList<WriteOutcome>>> WriteReportsAsync(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, string action, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new ReportWork(incident, reports, actor, action), cancellationToken);

    public Task<Committed<(RetractResult Result, Retraction? Retraction)>> RetractAsync(Incident incident, string reportId, string reason, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new RetractionWork(incident, reportId, reason, actor), cancellationToken);

    /// <summary>Marks the incident ended at <paramref name="endedAt"/>, or going on again when null.</summary>
    public Task<Committed<EndResult>> EndIncidentAsync(Incident incident, DateTimeOffset? endedAt, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new EndWork(incident, endedAt, actor), cancellationToken);

    /// <summary>Grades a source of the incident (<paramref name="reliability"/> A–F, or null for ungraded).</summary>
    public Task<Committed<GradeResult>> GradeSourceAsync(Incident incident, string sourceName, string? reliability, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new GradeWork(incident, sourceName, reliability, actor), cancellationToken);

    public Task<Committed<CreateIncidentResult>> CreateIncidentAsync(NewIncident incident, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new IncidentWork(incident, actor), cancellationToken);

    private async Task<Committed<T>> EnqueueAsync<T>(Work<T> work, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(work))
            throw new WriteQueueFullException(_queueLength);
        // Not cancellable once queued: the write may already be committing, and the caller must learn its outcome.
        return await work.Outcome.Task;
    }

    private async Task WriteLoopAsync()
    {
        var drained = new List<Work>(MaxWorkPerTransaction);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (drained.Count < MaxWorkPerTransaction && _queue.Reader.TryRead(out var next))
                drained.Add(next);
            // In arrival order: runs of report submissions share one transaction, anything else has its own.
            var group = new List<ReportWork>();
            foreach (var work in drained)
            {
                if (work is ReportWork reports) { group.Add(reports); continue; }
                await CommitGroupAsync(group);
                group.Clear();
                await CommitAloneAsync(work);
            }
            await CommitGroupAsync(group);
            drained.Clear();
        }
    }

    private async Task CommitGroupAsync(List<ReportWork> group)
    {
        if (group.Count == 0)
            return;
        try
        {
            await CommitReportsAsync(group);
        }
        // Retried one by one only when the group may hold one bad submission; a busy or full database fails them all alike.
        catch (Exception groupFailure) when (group.Count > 1 && DatabaseErrors.Refusal(groupFailure) is null)
        {
            _logger.LogWarning(groupFailure, "A group of {Count} submissions failed; retrying them one by one", group.Count);
            CatchUpAfterFailure();
            foreach (var single in group)
                await CommitAloneAsync(single);
        }
        catch (Exception e)
        {
            CatchUpAfterFailure();
            foreach (var failed in group) failed.Fail(e);
        }
    }

    // A failure may come after the commit was durable, or leave it unknown whether it was (the connection dropped as it
    // committed): every picture reads the log again rather than trust that nothing changed, and then answers waiters.
    private void CatchUpAfterFailure() => _signal.Raise(ChangeNotice.MayHaveChanged);

    private async Task CommitAloneAsync(Work work)
    {
        try
        {
            await (work switch
            {
                ReportWork reports => CommitReportsAsync([reports]),
                RetractionWork retraction => CommitRetractionAsync(retraction),
                FigureRetractionWork figure => CommitFigureRetractionAsync(figure),
                IncidentWork incident => CommitIncidentAsync(incident),
                EndWork end => CommitEndAsync(end),
                GradeWork grade => CommitGradeAsync(grade),
                SourceWork source => CommitSourceChangeAsync(source),
                _ => throw new InvalidOperationException($"Unknown work {work.GetType().Name}"),
            });
        }
        catch (Exception e)
        {
            CatchUpAfterFailure();
            work.Fail(e);
        }
    }

    /// <summary>Stops taking work and waits for what is already queued to be written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private abstract class Work
    {
        /// <summary>The writer's trace (its request), so the commit it waits for is part of it.</summary>
        public System.Diagnostics.ActivityContext Trace { get; } = System.Diagnostics.Activity.Current?.Context ?? default;

        public abstract void Fail(Exception e);
    }

    private abstract class Work<T> : Work
    {
        public TaskCompletionSource<Committed<T>> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public override void Fail(Exception e) => Outcome.TrySetException(e);
        public void Answer(T result, long sequence) => Outcome.TrySetResult(new Committed<T>(result, sequence));
    }

    private sealed class ReportWork(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, string action) : Work<IReadOnlyList<WriteOutcome>>
    {
        public Incident Incident { get; } = incident;
        public IReadOnlyList<NewReport> Reports { get; } = reports;
        public Actor Actor { get; } = actor;
        public string Action { get; } = action;
    }

    private sealed class RetractionWork(Incident incident, string reportId, string reason, Actor actor) : Work<(RetractResult, Retraction?)>
    {
        public Incident Incident { get; } = incident;
        public string ReportId { get; } = reportId;
        public string Reason { get; } = reason;
        public Actor Actor { get; } = actor;
    }

    private sealed class EndWork(Incident incident, DateTimeOffset? endedAt, Actor actor) : Work<EndResult>
    {
        public Incident Incident { get; } = incident;
        public DateTimeOffset? EndedAt { get; } = endedAt;
        public Actor Actor { get; } = actor;
    }

    private sealed class GradeWork(Incident incident, string sourceName, string? reliability, Actor actor) : Work<GradeResult>
    {
        public Incident Incident { get; } = incident;
        public string SourceName { get; } = sourceName;
        public string? Reliability { get; } = reliability;
        public Actor Actor { get; } = actor;
    }

    private sealed class IncidentWork(NewIncident incident, Actor actor) : Work<CreateIncidentResult>
    {
        public NewIncident Incident { get; } = incident;
        public Actor Actor { get; } = actor;
    }
}
