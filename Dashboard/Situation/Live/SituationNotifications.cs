using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Dashboard.Situation.Live;

public sealed record SituationChange(string IncidentSlug, IReadOnlyList<string> ReportIds);

/// <summary>The screens listening to an incident. Each hears of a change after the picture shows it, off the writer's thread, alone.</summary>
public sealed class SituationNotifications(ILogger<SituationNotifications> logger)
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Action<SituationChange>>> _subscribers = new(StringComparer.Ordinal);

    public IDisposable Subscribe(string slug, Action<SituationChange> onChange)
    {
        _subscribers.AddOrUpdate(slug, [onChange], (_, list) => list.Add(onChange));
        return new Unsubscriber(() => _subscribers.AddOrUpdate(slug, [], (_, list) => list.Remove(onChange)));
    }

    public int SubscriberCount(string slug) => _subscribers.TryGetValue(slug, out var list) ? list.Length : 0;

    public void Announce(string slug, IReadOnlyList<string> reportIds)
    {
        if (!_subscribers.TryGetValue(slug, out var listeners) || listeners.Length == 0)
            return;
        var change = new SituationChange(slug, reportIds);
        foreach (var listener in listeners)
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                try { listener(change); }
                catch (Exception e) { logger.LogError(e, "A listener to {Incident} failed", slug); }
            }, null);
    }
}
