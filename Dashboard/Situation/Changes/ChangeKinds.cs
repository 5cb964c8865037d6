using System.Collections.Frozen;
using System.Reflection;
using Dashboard.Data;
using Dashboard.Situation.Live;

namespace Dashboard.Situation.Changes;

/// <summary>One entry of the change log as a picture applies it. Each kind says how a picture takes it in, which
/// reports it touches and when it was made; how it is read back from the log is its <see cref="ILoggedKind{TSelf}"/>.</summary>
public abstract record LoggedChange(long Sequence)
{
    internal abstract void ApplyTo(IncidentPicture.Edit picture);

    /// <summary>The reports whose figures or events it touches: what an open history page refreshes.</summary>
    public abstract IEnumerable<string> ReportIds { get; }

    /// <summary>When it was made, for the changes that move headlines with a time of their own; null: others follow along.</summary>
    public abstract DateTimeOffset? MadeAt { get; }
}

/// <summary>A kind of logged change: the log row it is stored as, and how a run of those rows is read back.</summary>
public interface ILoggedKind<TSelf> where TSelf : LoggedChange, ILoggedKind<TSelf>
{
    static abstract ChangeKind Kind { get; }

    /// <summary>The changes of this kind that <paramref name="rows"/> (in log order, all of this kind) stand for.</summary>
    static abstract Task<IEnumerable<TSelf>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken);
}

/// <summary>One row of the change log with the latest word its kind needs from the rows it points at.</summary>
public sealed record LoggedRow(long Sequence, ChangeKind Kind, long First, long Last, int? FigureIndex, int? SourceId,
    DateTimeOffset? EndedAt, string? GradedSource, string? Reliability);

/// <summary>Where a run of the log is read back: one context, one incident.</summary>
public sealed record LogReading(DashboardDbContext Db, Incident Incident);

/// <summary>Every logged kind there is, found once by type: a kind cannot be written without its reader being found.</summary>
public static class LoggedKinds
{
    private delegate Task<IEnumerable<LoggedChange>> Reader(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken);

    private static readonly FrozenDictionary<ChangeKind, Reader> Readers = Discover();

    /// <summary>The kinds a picture reads back from the log.</summary>
    public static IReadOnlyCollection<ChangeKind> Read => Readers.Keys;

    public static async Task<IEnumerable<LoggedChange>> ReadAsync(ChangeKind kind, LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken) =>
        Readers.TryGetValue(kind, out var read)
            ? await read(reading, rows, cancellationToken)
            : throw new InvalidOperationException($"The change log holds a change of kind {kind}, which no logged kind reads back.");

    // ToFrozenDictionary refuses two kinds that claim one row kind.
    private static FrozenDictionary<ChangeKind, Reader> Discover()
    {
        var readerOf = typeof(LoggedKinds).GetMethod(nameof(ReaderOf), BindingFlags.NonPublic | BindingFlags.Static)!;
        return typeof(LoggedChange).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(LoggedChange)))
            .Select(t => ((ChangeKind Kind, Reader Read))readerOf.MakeGenericMethod(t).Invoke(null, null)!)
            .ToFrozenDictionary(r => r.Kind, r => r.Read);
    }

    private static (ChangeKind, Reader) ReaderOf<T>() where T : LoggedChange, ILoggedKind<T> =>
        (T.Kind, async (reading, rows, cancellationToken) => await T.ReadAsync(reading, rows, cancellationToken));
}

/// <summary>A piece of work waiting for the journal's writer, and how its writer is answered.</summary>
public abstract class JournalWork
{
    /// <summary>The writer's trace (its request), so the commit it waits for is part of it.</summary>
    public System.Diagnostics.ActivityContext Trace { get; } = System.Diagnostics.Activity.Current?.Context ?? default;

    public abstract void Fail(Exception e);

    /// <summary>Has the journal commit this work in a transaction of its own.</summary>
    internal abstract Task CommitAloneAsync(ChangeJournal journal);
}

public abstract class JournalWork<T> : JournalWork
{
    public TaskCompletionSource<Committed<T>> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public override void Fail(Exception e) => Outcome.TrySetException(e);
    public void Answer(T result, long sequence) => Outcome.TrySetResult(new Committed<T>(result, sequence));
}

/// <summary>What a change decided once it read the store in the writer's turn: its answer, and the rows it adds if any.</summary>
public sealed record Decision<T>(T Result, ChangeEntity? Row = null, AuditEntryEntity? Audit = null);

/// <summary>
/// A change committed alone by the journal's one template (<see cref="ChangeJournal.CommitAsync{T}"/>): in the writer's
/// turn it decides (reading what it depends on, adding its rows), then the template writes its log row and audit entry,
/// announces and commits it, reads back what pictures apply and answers.
/// </summary>
public abstract class SingleChange<T> : JournalWork<T>
{
    public abstract ChangeKind Kind { get; }

    /// <summary>Whether it changes the incident itself (created, ended), which the incident list follows.</summary>
    public virtual bool ChangesTheIncident => false;

    /// <summary>Reads what the change depends on and adds its rows; answers without a row when nothing changes.</summary>
    public abstract Task<Decision<T>> DecideAsync(DashboardDbContext db, DateTimeOffset now);

    /// <summary>The answer when another process wrote the same unique row first; false: the failure stands.</summary>
    public virtual bool AnotherWroteFirst(out T result)
    {
        result = default!;
        return false;
    }

    /// <summary>What pictures apply, read once committed; null for a change no picture applies.</summary>
    public abstract Task<LoggedChange?> ReadBackAsync(DashboardDbContext db, ChangeEntity row);

    public virtual void Count(Observability.DashboardMetrics metrics) { }

    protected static Decision<T> Unchanged(T result) => new(result);

    internal override Task CommitAloneAsync(ChangeJournal journal) => journal.CommitAsync(this);
}

/// <summary>A change of one incident that its picture applies: its kind and what it reads back are its logged type's.</summary>
public abstract class PictureChange<T, TLogged> : SingleChange<T> where TLogged : LoggedChange, ILoggedKind<TLogged>
{
    public sealed override ChangeKind Kind => TLogged.Kind;

    public sealed override async Task<LoggedChange?> ReadBackAsync(DashboardDbContext db, ChangeEntity row) => await LoggedAsync(db, row);

    protected abstract Task<TLogged> LoggedAsync(DashboardDbContext db, ChangeEntity row);
}
