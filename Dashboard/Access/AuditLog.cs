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
}
