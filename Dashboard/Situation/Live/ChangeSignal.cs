using System.Collections.Immutable;
using Dashboard.Data;
using Dashboard.Situation.Changes;

namespace Dashboard.Situation.Live;

/// <summary>
/// "There is more in the change log": which incidents changed. It may carry what one commit
/// wrote for an incident (<see cref="CommittedRun"/>); a picture takes that only when it follows on exactly from what
/// the picture holds, and otherwise reads the log.
/// </summary>
public sealed record ChangeNotice(IReadOnlySet<int> IncidentIds, bool IncidentsChanged)
{
    public IReadOnlyList<CommittedRun> Runs { get; init; } = [];

    /// <summary>Anything may have changed (notices may have been missed): every picture, the catalogue and access catch up.</summary>
    public bool Everything { get; init; }

    /// <summary>When the commit landed (a <see cref="System.Diagnostics.Stopwatch"/> timestamp; 0 when not known) and its trace,
    /// so the screens' notification can be timed against it and join the writer's trace.</summary>
    public long CommittedAt { get; init; }

    public System.Diagnostics.ActivityContext Trace { get; init; }

    /// <summary>API keys or wall tokens were issued or revoked (by another process: this one knows its own).</summary>
    public bool AccessChanged { get; init; }

    public static ChangeNotice Anything { get; } = new(new HashSet<int>(), true) { Everything = true, AccessChanged = true };

    /// <summary>A commit may or may not have landed: the pictures and the catalogue read the log to find out.</summary>
    public static ChangeNotice MayHaveChanged { get; } = new(new HashSet<int>(), true) { Everything = true };

    public static ChangeNotice OfAccess { get; } = new(new HashSet<int>(), false) { AccessChanged = true };
}

/// <summary>The changes one commit wrote for an incident, and the incident's last change before them in the log.</summary>
public sealed record CommittedRun(int IncidentId, long After, IReadOnlyList<LoggedChange> Changes);

/// <summary>
/// How a commit tells the live pictures to catch up. In one process it is in memory; between processes it needs the
/// database's help. A listener must return at once (take note, queue its work): it is called as the commit is answered.
/// </summary>
public interface IChangeSignal
{
    /// <summary>Tells this process's listeners, after the commit.</summary>
    void Raise(ChangeNotice notice);

    /// <summary>
    /// Tells other processes on the same database, from inside the change's own transaction, so they hear of it exactly
    /// when it commits and never of a change rolled back. Nothing to do where there are no others.
    /// </summary>
    Task AnnounceAsync(DashboardDbContext db, ChangeNotice notice, CancellationToken cancellationToken = default);

    IDisposable Listen(Action<ChangeNotice> listener);
}

/// <summary>The signal within one process: each listener in turn, alone, so one that throws fails neither the write nor the others.</summary>
public class InProcessChangeSignal(ILogger<InProcessChangeSignal> logger) : IChangeSignal
{
    private ImmutableArray<Action<ChangeNotice>> _listeners = [];

    public virtual Task AnnounceAsync(DashboardDbContext db, ChangeNotice notice, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Raise(ChangeNotice notice)
    {
        foreach (var listener in _listeners)
        {
            try { listener(notice); }
            catch (Exception e) { logger.LogError(e, "A change listener failed"); }
        }
    }

    public IDisposable Listen(Action<ChangeNotice> listener)
    {
        ImmutableInterlocked.Update(ref _listeners, list => list.Add(listener));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _listeners, list => list.Remove(listener)));
    }
}

/// <summary>Runs its action once, on the first Dispose.</summary>
public sealed class Unsubscriber(Action unsubscribe) : IDisposable
{
    private Action? _unsubscribe = unsubscribe;
    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
