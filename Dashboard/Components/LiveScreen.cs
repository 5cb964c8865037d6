using Dashboard.Localization;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components;

/// <summary>
/// A screen that follows incidents as they change: it listens to the incidents it shows, folds a burst of changes
/// into at most one refresh per window (a lone change shows at once; under an ingest storm about one a second),
/// refreshes on the circuit's own dispatcher, and lets go of all of it when disposed.
/// </summary>
public abstract class LiveScreen : ComponentBase, IDisposable
{
    private static readonly TimeSpan RefreshWindow = TimeSpan.FromMilliseconds(250);
    // During an ingest storm screens refresh about once a second: still "within a second", at a quarter of the cost.
    private static readonly TimeSpan LongestRefreshWindow = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, IDisposable> _following = new(StringComparer.Ordinal);
    private RefreshThrottle? _refresh;

    [Inject] protected SituationService Situation { get; set; } = null!;
    [Inject] protected TimeProvider Clock { get; set; } = null!;
    [Inject] private Observability.DashboardMetrics Metrics { get; set; } = null!;

    /// <summary>The page's language: what the page does on its own (a change from the log, its timers) renders in it.</summary>
    protected ReaderCulture Reader { get; } = ReaderCulture.Current;

    /// <summary>What kind of screen this is for the live-screens count: a wall, or a page.</summary>
    protected virtual string ScreenKind => "page";

    /// <summary>Follows exactly these incidents from now on: new ones are listened to, the others let go.</summary>
    protected void Follow(params IEnumerable<string> slugs)
    {
        _refresh ??= new RefreshThrottle(RefreshWindow, () => InvokeAsync(() => Reader.RunAsync(RefreshAsync)), Clock, LongestRefreshWindow, Metrics.RefreshWidened);
        var wanted = slugs.ToHashSet(StringComparer.Ordinal);
        foreach (var slug in _following.Keys.Where(s => !wanted.Contains(s)).ToArray())
        {
            _following[slug].Dispose();
            _following.Remove(slug);
            Metrics.ScreenClosed(slug, ScreenKind);
        }
        foreach (var slug in wanted.Where(s => !_following.ContainsKey(s)))
        {
            _following[slug] = Situation.Subscribe(slug, _ => _refresh.Request());
            Metrics.ScreenOpened(slug, ScreenKind);
        }
    }

    /// <summary>Stops following every incident (a screen showing a replay, say).</summary>
    protected void StopFollowing() => Follow([]);

    /// <summary>What the screen does about a change to an incident it follows; runs on the circuit's dispatcher.</summary>
    protected abstract Task OnIncidentChangedAsync();

    private async Task RefreshAsync()
    {
        await OnIncidentChangedAsync();
        StateHasChanged();
    }

    /// <summary>Lets go of what the screen itself holds (timers, highlights), after the listening has stopped.</summary>
    protected virtual void OnDispose() { }

    public void Dispose()
    {
        foreach (var (slug, subscription) in _following)
        {
            subscription.Dispose();
            Metrics.ScreenClosed(slug, ScreenKind);
        }
        _following.Clear();
        _refresh?.Dispose();
        OnDispose();
        GC.SuppressFinalize(this);
    }
}
