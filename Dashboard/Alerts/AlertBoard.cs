using Dashboard.Data;
using Dashboard.Situation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Alerts;

/// <summary>A page alert waiting on its owner's pages until they acknowledge it.</summary>
public sealed record PageAlert(string Id, string Owner, string Incident, string Text, DateTimeOffset At);

/// <summary>
/// The page alerts not yet acknowledged, as every open page of this instance shows them. Another instance may have
/// written them (the one holding the alerts' lease), so the board reads them from the database each
/// <see cref="AlertSettings.PagePollSeconds"/> (one small read per instance, not per page), and at once when this
/// instance wrote or acknowledged one. Pages hear of a change through <see cref="Changed"/>.
/// </summary>
public sealed class AlertBoard(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock, IOptionsMonitor<AlertSettings> settings,
    ILogger<AlertBoard> logger) : BackgroundService
{
    /// <summary>How many waiting alerts the board holds at most (the newest).</summary>
    public const int Held = 1000;

    private volatile IReadOnlyList<PageAlert> _waiting = [];
    private TaskCompletionSource _poke = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised (on the board's thread) when the waiting alerts change.</summary>
    public event Action? Changed;

    /// <summary>The person's waiting alerts, newest first.</summary>
    public IReadOnlyList<PageAlert> WaitingFor(string owner) => [.. _waiting.Where(a => a.Owner == owner)];

    public void Poke() => Volatile.Read(ref _poke).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var poke = _poke = new(TaskCreationOptions.RunContinuationsAsynchronously);
            try { await RefreshAsync(stopping); }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogWarning(e, "Reading the page alerts failed; trying again"); }
            await Task.WhenAny(poke.Task, Task.Delay(TimeSpan.FromSeconds(settings.CurrentValue.PagePollSeconds), clock, stopping));
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AlertDeliveries.AsNoTracking()
            .Where(d => d.Channel == AlertDelivery.Page && d.Status == AlertDelivery.Shown && d.AcknowledgedAtUtcTicks == null)
            .OrderByDescending(d => d.Number).Take(Held)
            .Select(d => new { d.Id, d.Owner, d.Incident, d.Text, d.CreatedAtUtcTicks })
            .ToListAsync(cancellationToken);
        var waiting = rows.Select(r => new PageAlert(r.Id, r.Owner, r.Incident, r.Text, new DateTimeOffset(r.CreatedAtUtcTicks, TimeSpan.Zero))).ToArray();
        if (waiting.Select(a => a.Id).SequenceEqual(_waiting.Select(a => a.Id)))
            return;
        _waiting = waiting;
        Changed?.Invoke();
    }

    /// <summary>
    /// The person acknowledges one of their alerts: who and when is kept (and audited). False when it is not theirs or
    /// was acknowledged already (on another page).
    /// </summary>
    public async Task<bool> AcknowledgeAsync(string id, Actor person, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var acknowledged = await db.AlertDeliveries
                .Where(d => d.Id == id && d.Owner == person.Name && d.Channel == AlertDelivery.Page && d.AcknowledgedAtUtcTicks == null)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.AcknowledgedBy, person.Name).SetProperty(d => d.AcknowledgedAtUtcTicks, now.UtcTicks), cancellationToken);
            if (acknowledged == 0)
                return false;
            var incident = await db.AlertDeliveries.Where(d => d.Id == id).Select(d => d.Incident).SingleAsync(cancellationToken);
            db.Audit.Add(AuditEntryEntity.For(person, now, "alert acknowledged", incident, $"Alert {id}"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await RefreshAsync(cancellationToken);
        return true;
    }
}
