using Dashboard.Data;
using Dashboard.Situation;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Access;

/// <summary>
/// Records the changes that are not reports (accounts, keys, tokens, failed sign-ins) in the same audit table the
/// journal writes reports and retractions to, one insert per event.
/// </summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    public async Task RecordAsync(Actor actor, string action, string detail, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(AuditEntryEntity.For(actor, clock.GetUtcNow(), action, null, detail));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Repeated refusals from one address (guessed tokens) are one entry per address and minute that counts them, so
    /// no one can fill the log without signing in: "3 attempts in the minute from 14:02: …".
    /// </summary>
    public async Task CountAsync(Actor actor, string action, string detail, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.Audit
            .Where(e => e.Action == action && e.Address == actor.Address && e.AtUtcTicks >= minute.UtcTicks)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        var attempts = entry is null ? 1 : AttemptsIn(entry.Detail) + 1;
        var counted = $"{attempts} {(attempts == 1 ? "attempt" : "attempts")} in the minute from {minute:HH:mm} UTC: {detail}";
        if (entry is null)
            db.Audit.Add(AuditEntryEntity.For(actor, now, action, null, counted));
        else
            entry.Detail = counted;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static int AttemptsIn(string detail) =>
        int.TryParse(detail.AsSpan(0, Math.Max(0, detail.IndexOf(' '))), out var attempts) ? attempts : 1;
}
