using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Alerts;

/// <summary>One alert as the delivery log shows it: to whom, by which channel, how many attempts, what came of it, who acknowledged it.</summary>
public sealed record DeliveryLogEntry(string Id, DateTimeOffset At, string Incident, string Owner, string Channel, string? Target, string Text,
    int Attempts, string Status, string? LastError, DateTimeOffset? SentAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);

/// <summary>The alerts made, newest first: every one for Admins, a person's own for them.</summary>
public sealed class AlertLog(IDbContextFactory<DashboardDbContext> contexts)
{
    public const int PageSize = 100;

    public async Task<IReadOnlyList<DeliveryLogEntry>> RecentAsync(string? owner, int take = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AlertDeliveries.AsNoTracking()
            .Where(d => owner == null || d.Owner == owner)
            .OrderByDescending(d => d.Number).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(d => new DeliveryLogEntry(d.Id, At(d.CreatedAtUtcTicks), d.Incident, d.Owner, d.Channel, d.Target, d.Text, d.Attempts,
            d.Status, d.LastError, d.SentAtUtcTicks is { } sent ? At(sent) : null, d.AcknowledgedBy, d.AcknowledgedAtUtcTicks is { } ack ? At(ack) : null))];
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
