using Dashboard.Data;
using Dashboard.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Alerts;

/// <summary>
/// Sends the alerts that are due by webhook and e-mail, and notes each attempt: sent, or retried after a wait that
/// doubles each time, until <see cref="AlertSettings.RetryForHours"/> have passed since the alert was made; then failed.
/// Under a storm, a subscription's e-mails wait out <see cref="AlertSettings.DigestSeconds"/> and go as one digest.
/// </summary>
public sealed class AlertSender(IDbContextFactory<DashboardDbContext> contexts, WebhookChannel webhooks, EmailChannel email,
    IOptionsMonitor<AlertSettings> settings, TimeProvider clock, DashboardMetrics metrics)
{
    /// <summary>How many alerts one pass sends at most, and to how many webhook subscriptions at once.</summary>
    public const int PerPass = 500;
    public const int WebhooksAtOnce = 16;

    /// <summary>Sends what is due now; returns when the next pending alert falls due (null: none pending).</summary>
    public async Task<DateTimeOffset?> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.AlertDeliveries.Where(d => d.Status == AlertDelivery.Pending && d.NextAttemptAtUtcTicks <= now.UtcTicks)
            .OrderBy(d => d.Number).Take(PerPass).ToListAsync(cancellationToken);
        if (due.Count > 0)
        {
            var ids = due.Select(d => d.SubscriptionId).Distinct().ToArray();
            var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            foreach (var ended in due.Where(d => subscriptions[d.SubscriptionId].DeletedAtUtcTicks is not null))
                GiveUp(ended, "Its subscription was ended.");
            var live = due.Where(d => d.Status == AlertDelivery.Pending).ToArray();

            // Subscriptions at once, each one's alerts in the order of their changes: a desk's tools hear a move before
            // its correction.
            await Parallel.ForEachAsync(live.Where(d => d.Channel == AlertDelivery.Webhook).GroupBy(d => d.SubscriptionId),
                new ParallelOptions { MaxDegreeOfParallelism = WebhooksAtOnce, CancellationToken = cancellationToken },
                async (alerts, ct) =>
                {
                    foreach (var delivery in alerts.OrderBy(d => d.Number))
                        Attempted(delivery, await webhooks.SendAsync(delivery, subscriptions[delivery.SubscriptionId].Secret ?? "", ct));
                });

            foreach (var digest in live.Where(d => d.Channel == AlertDelivery.Email).GroupBy(d => d.SubscriptionId))
                await SendEmailAsync(db, [.. digest.OrderBy(d => d.Number)], subscriptions[digest.Key], cancellationToken);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        var next = await db.AlertDeliveries.Where(d => d.Status == AlertDelivery.Pending).MinAsync(d => (long?)d.NextAttemptAtUtcTicks, cancellationToken);
        return next is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    private async Task SendEmailAsync(DashboardDbContext db, IReadOnlyList<AlertDeliveryEntity> waiting, SubscriptionEntity subscription, CancellationToken cancellationToken)
    {
        var digestEvery = TimeSpan.FromSeconds(settings.CurrentValue.DigestSeconds);
        var lastSent = await db.AlertDeliveries.Where(d => d.SubscriptionId == subscription.Id && d.SentAtUtcTicks != null)
            .MaxAsync(d => d.SentAtUtcTicks, cancellationToken);
        if (lastSent is { } last && clock.GetUtcNow().UtcTicks - last < digestEvery.Ticks)
        {
            foreach (var delivery in waiting)
                delivery.NextAttemptAtUtcTicks = last + digestEvery.Ticks; // a storm: the next minute's digest
            return;
        }
        var incident = waiting[0].Incident;
        var name = await db.Incidents.Where(i => i.Slug == incident).Select(i => i.Name).SingleOrDefaultAsync(cancellationToken) ?? incident;
        var id = waiting.Count == 1 ? waiting[0].Id : $"{waiting[0].Id}-digest-{waiting.Count}";
        var error = await email.SendAsync(subscription.Target!, id, name, [.. waiting.SelectMany(d => d.Text.Split('\n'))], cancellationToken);
        foreach (var delivery in waiting)
            Attempted(delivery, error);
    }

    private void Attempted(AlertDeliveryEntity delivery, string? error)
    {
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        if (error is null)
        {
            (delivery.Status, delivery.SentAtUtcTicks, delivery.LastError) = (AlertDelivery.Sent, now.UtcTicks, null);
            metrics.AlertSent(delivery.Channel, TimeSpan.FromTicks(now.UtcTicks - delivery.MadeAtUtcTicks));
            return;
        }
        delivery.LastError = error.Length > 1000 ? error[..1000] : error;
        var wait = AlertDelivery.RetryDelay(delivery.Attempts, settings.CurrentValue);
        if (now + wait > new DateTimeOffset(delivery.CreatedAtUtcTicks, TimeSpan.Zero) + settings.CurrentValue.RetryFor)
            GiveUp(delivery, error);
        else
        {
            delivery.NextAttemptAtUtcTicks = (now + wait).UtcTicks;
            metrics.AlertRetried(delivery.Channel, wait);
        }
    }

    private void GiveUp(AlertDeliveryEntity delivery, string why)
    {
        (delivery.Status, delivery.LastError) = (AlertDelivery.Failed, why);
        metrics.AlertFailed(delivery.Channel);
    }
}
