using System.Collections.Immutable;

namespace Dashboard.Situation;

/// <summary>"There is more in the change log": which incidents changed, up to which sequence. A hint, never the data.</summary>
public sealed record ChangeNotice(IReadOnlySet<int> IncidentIds, bool IncidentsChanged, long Head);

/// <summary>How a commit tells the live pictures to catch up. In one process it is in memory; between processes it needs the database's help.</summary>
public interface IChangeSignal
{
    void Raise(ChangeNotice notice);

    IDisposable Listen(Action<ChangeNotice> listener);
}

/// <summary>The signal within one process: each listener hears every notice on the thread pool, alone, so none can fail or hold up a write or another listener.</summary>
public sealed class InProcessChangeSignal(ILogger<InProcessChangeSignal> logger) : IChangeSignal
{
    private ImmutableArray<Action<ChangeNotice>> _listeners = [];

    public void Raise(ChangeNotice notice)
    {
        foreach (var listener in _listeners)
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                try { listener(notice); }
                catch (Exception e) { logger.LogError(e, "A change listener failed"); }
            }, null);
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
