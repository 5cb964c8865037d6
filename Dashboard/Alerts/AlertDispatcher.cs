using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Situation.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Alerts;

/// <summary>
/// Turns the change log into alerts and sends them, on one instance at a time (the one holding the alerts' lease).
/// Each pass reads the changes after the alerts' cursor, a change at a time, and writes each subscription's alert for
/// it in the same transaction that moves the cursor past it: an alert is made once, whatever stops the process. Then it
/// sends what is due (<see cref="AlertSender"/>). Woken by every change signal, and by a timer for retries and the lease.
/// </summary>
public sealed class AlertDispatcher(IDbContextFactory<DashboardDbContext> contexts, ChangeLog log, AlertSubscriptions subscriptions,
    AlertSender sender, AlertBoard board, AlertPacing pacing, IChangeSignal signal, TimeProvider clock, IOptionsMonitor<AlertSettings> settings,
    Observability.DashboardMetrics metrics, ILogger<AlertDispatcher> logger) : BackgroundService
{
    /// <summary>This instance's name on the lease.</summary>
    public string Holder { get; } = $"{Guid.NewGuid():N} {Environment.MachineName}/{Environment.ProcessId}" is var name && name.Length > 100 ? name[..100] : name;

    // Only the loop touches these.
    private readonly Dictionary<int, AlertProjection> _projections = [];
    private DateTimeOffset? _leaseUntil;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The cursor is made before any request is taken, at the end of the log as it stands: the past is no alert.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.AlertCursors.AnyAsync(c => c.Id == AlertCursorEntity.Name, cancellationToken))
            {
                var last = await db.Changes.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
                db.AlertCursors.Add(new AlertCursorEntity { Id = AlertCursorEntity.Name, Sequence = last });
                try { await db.SaveChangesAsync(cancellationToken); }
                catch (DbUpdateException) { } // another instance made it first
            }
        }
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Asks for a pass now (a change was committed, a page acknowledged).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!settings.CurrentValue.Enabled)
            return;
        using var listening = signal.Listen(_ => Wake());
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            // A new one before the pass, so a change committed during it wakes the next at once.
            var wake = _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
            TimeSpan wait;
            try
            {
                wait = await PassAsync(stopping);
                failures = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // What was stepped but not written is read again from the cursor on the next pass.
                _projections.Clear();
                _leaseUntil = null;
                failures++;
                wait = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures)));
                logger.LogError(e, "An alerts pass failed ({Failures} in a row); trying again in {Wait}", failures, wait);
            }
            await Task.WhenAny(wake.Task, Task.Delay(wait, clock, stopping));
            // A burst of changes is read in one pass: each pass writes (the cursor, the lease), and on SQLite every write
            // waits for the one writer the journal also needs.
            if (wake.Task.IsCompleted && pacing.GatherFor > TimeSpan.Zero)
                await Task.Delay(pacing.GatherFor, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    // One pass: hold the lease, turn the new changes into alerts, send what is due. Returns how long to wait for the next.
    private async Task<TimeSpan> PassAsync(CancellationToken cancellationToken)
    {
        var lease = settings.CurrentValue.Lease;
        if (!await HoldLeaseAsync(cancellationToken))
        {
            _projections.Clear(); // another instance moves the cursor meanwhile
            return lease / 2;
        }
        // One batch of the log, then what is due, in turns: under a storm of changes the sending never waits for the
        // reading to catch up (it might never), and the reading goes on at once after.
        var readMore = await ReadOnAsync(cancellationToken);
        var nextDue = await sender.SendDueAsync(cancellationToken);
        if (readMore)
            return TimeSpan.Zero;
        var renew = lease / 3;
        return nextDue is { } due && due - clock.GetUtcNow() is var untilDue && untilDue < renew ? untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue : renew;
    }

    // Renewed once a third of it has run, not on every pass: the cursor's own update checks it is still held.
    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lease = settings.CurrentValue.Lease;
        if (_leaseUntil is { } until && now < until - lease * 2 / 3)
            return true;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var held = await db.AlertCursors
            .Where(c => c.Id == AlertCursorEntity.Name && (c.Holder == Holder || c.Holder == null || c.LeaseUntilUtcTicks < now.UtcTicks))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Holder, Holder).SetProperty(c => c.LeaseUntilUtcTicks, (now + lease).UtcTicks), cancellationToken) == 1;
        _leaseUntil = held ? now + lease : null;
        return held;
    }

    // Turns up to AlertPacing.ChangesPerPass changes after the cursor into alerts; false when there were none.
    private async Task<bool> ReadOnAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cursor = await db.AlertCursors.Where(c => c.Id == AlertCursorEntity.Name).Select(c => c.Sequence).SingleAsync(cancellationToken);
        var upTo = await db.Changes.Where(c => c.Sequence > cursor).OrderBy(c => c.Sequence).Skip(pacing.ChangesPerPass - 1)
            .Select(c => (long?)c.Sequence).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Changes.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? cursor;
        if (upTo <= cursor)
            return false;

        var deliveries = await AlertsAsync(db, cursor, upTo, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AlertDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        var moved = await db.AlertCursors.Where(c => c.Id == AlertCursorEntity.Name && c.Holder == Holder && c.Sequence == cursor)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Sequence, upTo), cancellationToken);
        if (moved != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            _projections.Clear();
            _leaseUntil = null;
            logger.LogInformation("The alerts' lease passed to another instance during a pass; its alerts were not written");
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        // A page alert is shown as it is written: the board reads it now.
        var shown = deliveries.Where(d => d.Channel == AlertDelivery.Page).ToArray();
        foreach (var page in shown)
            metrics.AlertSent(page.Channel, TimeSpan.FromTicks(page.CreatedAtUtcTicks - page.MadeAtUtcTicks));
        if (shown.Length > 0)
            board.Poke();
        if (pacing.AfterBatch is { } hook)
            await hook();
        return true;
    }

    // Each subscription's alert for each change in (cursor, upTo] of the incidents someone follows.
    private async Task<List<AlertDeliveryEntity>> AlertsAsync(DashboardDbContext db, long cursor, long upTo, CancellationToken cancellationToken)
    {
        var deliveries = new List<AlertDeliveryEntity>();
        var active = await subscriptions.ActiveAsync(cancellationToken);
        if (active.Count == 0)
        {
            _projections.Clear(); // nobody follows anything: nothing to keep current
            return deliveries;
        }
        var changed = await db.Changes.Where(c => c.Sequence > cursor && c.Sequence <= upTo).Select(c => c.IncidentId).Distinct().ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => changed.Contains(i.Id)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var incident in incidents.Select(i => i.ToModel()))
        {
            var following = active.Where(s => s.Follows(incident)).ToArray();
            if (following.Length == 0)
            {
                _projections.Remove(incident.Id);
                continue;
            }
            var projection = await ProjectionAsync(incident, cursor, cancellationToken);
            for (var after = Math.Max(cursor, projection.Sequence); after < upTo;)
            {
                var chunk = await log.ReadAsync(projection.Incident, after, 4096, cancellationToken, upTo);
                if (chunk.Count == 0)
                    break;
                foreach (var change in chunk)
                {
                    var said = projection.Step(change);
                    if (said.Items.Count > 0)
                        // A subscription is told of changes made after it was, not of the past the cursor had yet to pass.
                        deliveries.AddRange(following.Where(s => s.CreatedAt <= (change.MadeAt ?? now))
                            .Select(s => AlertDelivery.For(s, said, change.MadeAt ?? now, now)).OfType<AlertDeliveryEntity>());
                }
                after = chunk[^1].Sequence;
            }
        }
        return deliveries;
    }

    // The incident's projection up to the cursor: kept from the last pass, or read from the log (the past, silently).
    private async Task<AlertProjection> ProjectionAsync(Incident incident, long cursor, CancellationToken cancellationToken)
    {
        if (_projections.TryGetValue(incident.Id, out var kept) && kept.Sequence <= cursor)
            return kept;
        var projection = new AlertProjection(incident, clock);
        for (var after = 0L; after < cursor;)
        {
            var chunk = await log.ReadAsync(incident, after, 4096, cancellationToken, cursor);
            if (chunk.Count == 0)
                break;
            projection.Pass(chunk);
            after = chunk[^1].Sequence;
        }
        _projections[incident.Id] = projection;
        return projection;
    }
}

/// <summary>How much of the log the alerts read in one transaction, and a hook after each (for tests and benchmarks).</summary>
public sealed class AlertPacing
{
    public int ChangesPerPass { get; set; } = 200;

    /// <summary>How long a pass woken by a change waits for the rest of a burst (real time: pacing, not the incident's clock).</summary>
    public TimeSpan GatherFor { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Awaited after each batch of changes is turned into alerts and committed.</summary>
    public Func<Task>? AfterBatch { get; set; }
}
