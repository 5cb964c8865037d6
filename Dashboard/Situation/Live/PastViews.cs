namespace Dashboard.Situation.Live;

/// <summary>
/// A view of a past moment is worked out from every key's history: CPU work that, unchecked, would take every core
/// from the writer and from the live screens. Such views are worked out a few at a time — one fewer than the cores,
/// each on one core — and the rest wait their turn without holding a thread.
/// </summary>
public sealed class PastViews
{
    private readonly SemaphoreSlim _turns = new(Math.Max(1, Environment.ProcessorCount - 1));

    public async Task<T> WorkOutAsync<T>(Func<T> view, CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken);
        try
        {
            return view();
        }
        finally
        {
            _turns.Release();
        }
    }
}
