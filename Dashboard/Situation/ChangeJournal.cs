using Dashboard.Situation.Live;
using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Situation.Changes;
using Dashboard.Situation.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

public enum WriteResult { Created, AlreadyStored }

public sealed record WriteOutcome(WriteResult Result, Report Report);

public enum CreateIncidentResult { Created, SlugTaken }

public enum RetractResult { Retracted, UnknownReport, AlreadyRetracted }

public enum FigureRetractResult { Retracted, UnknownReport, UnknownFigure, AlreadyRetracted }

public enum EndResult { Ended, Reopened, Unchanged }

public enum GradeResult { Graded, Unchanged }

/// <summary>A situation report stored under its number, or not: that number was taken meanwhile.</summary>
public enum IssueResult { Issued, NumberTaken }

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
public sealed partial class ChangeJournal : IHostedLifecycleService, IDisposable
{
    private const int MaxWorkPerTransaction = 512;

    private readonly DashboardDatabase _contexts;
    private readonly IChangeSignal _signal;
    private readonly TimeProvider _clock;
    private readonly ILogger<ChangeJournal> _logger;
    private readonly Observability.DashboardMetrics _metrics;
    private readonly Channel<JournalWork> _queue;
    private readonly int _queueLength;
    private readonly Lock _starting = new();
    private Task? _writer;

    public ChangeJournal(DashboardDatabase contexts, IChangeSignal signal, TimeProvider clock, ILogger<ChangeJournal> logger, Observability.DashboardMetrics metrics,
        Microsoft.Extensions.Options.IOptions<DatabaseSettings> settings)
    {
        _queueLength = settings.Value.WriteQueueLength;
        _queue = Channel.CreateBounded<JournalWork>(new BoundedChannelOptions(_queueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _metrics = metrics;
        _contexts = contexts;
        _signal = signal;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>How much work waits for the writer now.</summary>
    public int Waiting => _queue.Reader.Count;

    /// <summary>Stores reports all-or-nothing; per report, whether it was new or already stored (same id).</summary>
    public Task<Committed<IReadOnlyList<WriteOutcome>>> WriteReportsAsync(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, string action, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new StoreReports(incident, reports, actor, action), cancellationToken);

    public Task<Committed<(RetractResult Result, Retraction? Retraction)>> RetractAsync(Incident incident, string reportId, string reason, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new RetractReport(incident, reportId, reason, actor), cancellationToken);

    /// <summary>Withdraws figure <paramref name="index"/> (0-based, in the stored report's figures) from now on; the report's others keep counting.</summary>
    public Task<Committed<(FigureRetractResult Result, Retraction? Retraction)>> RetractFigureAsync(
        Incident incident, string reportId, int index, string reason, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new RetractFigure(incident, reportId, index, reason, actor), cancellationToken);

    /// <summary>Marks the incident ended at <paramref name="endedAt"/>, or going on again when null.</summary>
    public Task<Committed<EndResult>> EndIncidentAsync(Incident incident, DateTimeOffset? endedAt, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new EndIncident(incident, endedAt, actor), cancellationToken);

    /// <summary>Grades a source of the incident (<paramref name="reliability"/> A–F, or null for ungraded).</summary>
    public Task<Committed<GradeResult>> GradeSourceAsync(Incident incident, string sourceName, string? reliability, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new GradeSource(incident, sourceName, reliability, actor), cancellationToken);

    /// <summary>Stores an issued situation report under its number, unless that number was taken meanwhile.</summary>
    public Task<Committed<IssueResult>> IssueSitrepAsync(Incident incident, Data.IssuedSitrepEntity sitrep, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new IssueSitrep(incident, sitrep, actor), cancellationToken);

    public Task<Committed<CreateIncidentResult>> CreateIncidentAsync(NewIncident incident, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new CreateIncident(incident, actor), cancellationToken);

    private async Task<Committed<T>> EnqueueAsync<T>(JournalWork<T> work, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(work))
            throw new WriteQueueFullException(_queueLength);
        // Not cancellable once queued: the write may already be committing, and the caller must learn its outcome.
        return await work.Outcome.Task;
    }

    private async Task WriteLoopAsync()
    {
        var drained = new List<JournalWork>(MaxWorkPerTransaction);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (drained.Count < MaxWorkPerTransaction && _queue.Reader.TryRead(out var next))
                drained.Add(next);
            // In arrival order: runs of report submissions share one transaction, anything else has its own.
            var group = new List<StoreReports>();
            foreach (var work in drained)
            {
                if (work is StoreReports reports) { group.Add(reports); continue; }
                await CommitGroupAsync(group);
                group.Clear();
                await CommitAloneAsync(work);
            }
            await CommitGroupAsync(group);
            drained.Clear();
        }
    }

    private async Task CommitGroupAsync(List<StoreReports> group)
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

    private async Task CommitAloneAsync(JournalWork work)
    {
        try
        {
            await work.CommitAloneAsync(this);
        }
        catch (Exception e)
        {
            CatchUpAfterFailure();
            work.Fail(e);
        }
    }

    // The host runs the writer: it starts before any other service starts (the start-up work writes the seed through it)
    // and stops after every other has stopped (the server has answered its last request), writing what is queued.
    // Work queued before it starts waits in the queue.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        lock (_starting)
            _writer ??= Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking work and waits for what is already queued to be written, as long as the host waits.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is not { } writer)
            return;
        try
        {
            await writer.WaitAsync(cancellationToken);
        }
        // The host's shutdown time is up: the writer goes on while the process lasts, and the host's stop is no failure.
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (!writer.IsCompleted)
                _logger.LogWarning("The host stopped before the journal's writer finished; {Count} write(s) were still queued", Waiting);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The host has stopped the writer by now; without a host, nothing more is taken.
    public void Dispose() => _queue.Writer.TryComplete();
}
