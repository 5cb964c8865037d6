using Dashboard.Situation;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// Makes a source record for every name reports were filed under before sources were records: names that differ only by
/// case or spacing are one record, named and kinded as the first report that used them, as a live picture reads them.
/// Run after the migrations; a database that has its records (or no reports) is left as it is.
/// </summary>
public static class SourceRecordsUpgrade
{
    public static async Task RunAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        if (await db.Sources.AnyAsync(cancellationToken) || !await db.Reports.AnyAsync(cancellationToken))
            return;
        var names = await db.Reports.AsNoTracking()
            .GroupBy(r => new { r.IncidentId, r.SourceName, r.SourceKind })
            .Select(g => new { g.Key.IncidentId, g.Key.SourceName, g.Key.SourceKind, First = g.Min(r => r.Sequence) })
            .ToListAsync(cancellationToken);
        foreach (var source in names.OrderBy(n => n.First).GroupBy(n => (n.IncidentId, SourceNames.KeyOf(n.SourceName))))
        {
            var first = source.First();
            db.Sources.Add(new SourceEntity
            {
                IncidentId = first.IncidentId, Name = first.SourceName, Kind = first.SourceKind,
                Aliases = [new SourceAliasEntity { IncidentId = first.IncidentId, Key = source.Key.Item2, Name = first.SourceName }],
            });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another instance, starting at the same time, made them first.
        }
    }
}
