using Dashboard.Situation;

namespace Dashboard.Components.Situation;

/// <summary>
/// Which headlines a live update changed, kept for a few seconds so the screen can mark them, then cleared.
/// Used by the analyst's page and the wall.
/// </summary>
public sealed class ChangeHighlight(TimeSpan duration, Func<Action, Task> onRendererThread) : IDisposable
{
    private CancellationTokenSource? _reset;

    public IReadOnlySet<FigureKey> Keys { get; private set; } = new HashSet<FigureKey>();

    /// <summary>Marks what differs between two views of the situation; <paramref name="rerender"/> runs when the marks clear.</summary>
    public void Mark(SituationSnapshot? before, SituationSnapshot? after, Action rerender)
    {
        var changed = Changed(before, after);
        if (changed.Count == 0)
            return;
        Keys = changed;
        _reset?.Cancel();
        _reset = new CancellationTokenSource();
        var token = _reset.Token;
        _ = Task.Delay(duration, token).ContinueWith(_ => onRendererThread(() =>
        {
            Keys = new HashSet<FigureKey>();
            rerender();
        }), token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public void Clear() => Keys = new HashSet<FigureKey>();

    // Every screen following an incident goes from the same live state to the next: what changed between two states
    // is worked out once, on the first screen to ask, and kept with the newer state's headlines.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<Tally>, Difference> Differences = new();

    private sealed record Difference(IReadOnlyList<Tally> From, IReadOnlySet<FigureKey> Keys);

    public static IReadOnlySet<FigureKey> Changed(SituationSnapshot? before, SituationSnapshot? after)
    {
        if (before is null || after is null)
            return new HashSet<FigureKey>();
        if (Differences.TryGetValue(after.Tallies, out var known) && ReferenceEquals(known.From, before.Tallies))
            return known.Keys;
        var previous = before.Tallies.ToDictionary(t => t.Key);
        var keys = after.Tallies
            .Where(t => !previous.TryGetValue(t.Key, out var old) || old.Count != t.Count || old.Qualifier != t.Qualifier
                || old.ReportId != t.ReportId || old.Alternatives.Count != t.Alternatives.Count)
            .Select(t => t.Key)
            .ToHashSet();
        Differences.AddOrUpdate(after.Tallies, new Difference(before.Tallies, keys));
        return keys;
    }

    public void Dispose()
    {
        _reset?.Cancel();
        _reset?.Dispose();
    }
}
