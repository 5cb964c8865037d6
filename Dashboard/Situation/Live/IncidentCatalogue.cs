using System.Collections.Immutable;

namespace Dashboard.Situation.Live;

/// <summary>The incidents, by slug: a projection of the incidents' own changes in the log (created, ended), read once and then caught up.</summary>
public sealed class IncidentCatalogue : IDisposable
{
    private readonly ChangeLog _log;
    private readonly CatchUp _catchUp;
    private readonly IDisposable _listening;
    private volatile ImmutableDictionary<string, Incident> _bySlug = ImmutableDictionary.Create<string, Incident>(StringComparer.Ordinal);
    private long _cursor;

    public IncidentCatalogue(ChangeLog log, IChangeSignal signal, ILogger<IncidentCatalogue> logger, TimeProvider clock)
    {
        _log = log;
        _catchUp = new CatchUp(PassAsync, logger, clock);
        _listening = signal.Listen(notice =>
        {
            if (notice.IncidentsChanged || notice.Everything)
                ThreadPool.UnsafeQueueUserWorkItem(static c => c.Poke(), _catchUp, preferLocal: false);
        });
    }

    public async Task<IReadOnlyDictionary<string, Incident>> AllAsync(CancellationToken cancellationToken = default)
    {
        await _catchUp.ReadyAsync().WaitAsync(cancellationToken);
        return _bySlug;
    }

    /// <summary>
    /// The incident with this slug. One not held yet may have been created by another instance a moment ago (its
    /// notification still on the way), so the log is asked once before saying there is none.
    /// </summary>
    public async Task<Incident?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        if ((await AllAsync(cancellationToken)).GetValueOrDefault(slug) is { } held)
            return held;
        var latest = await _log.LastIncidentChangeAsync(cancellationToken);
        if (latest > _catchUp.Cursor)
            await _catchUp.WaitForAsync(latest).WaitAsync(cancellationToken);
        return _bySlug.GetValueOrDefault(slug);
    }

    /// <summary>Waits until the catalogue holds the change at <paramref name="sequence"/>, so a creator finds its incident.</summary>
    public Task<bool> WaitForAsync(long sequence) => _catchUp.WaitForAsync(sequence);

    private async Task<long> PassAsync(CancellationToken cancellationToken)
    {
        var created = await _log.IncidentChangesAsync(_cursor, cancellationToken);
        if (created.Count > 0)
        {
            _bySlug = _bySlug.SetItems(created.Select(c => KeyValuePair.Create(c.Incident.Slug, c.Incident)));
            _cursor = created[^1].Sequence;
        }
        return _cursor;
    }

    public void Dispose()
    {
        _listening.Dispose();
        _catchUp.Dispose();
    }
}
