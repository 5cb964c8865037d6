using Dashboard.Data;
using Dashboard.Situation;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Briefing;

/// <summary>An issued situation report as listed: everything but its stored PDF and page.</summary>
public sealed record IssuedSitrep(int Number, DateTimeOffset IssuedAt, string Author, DateTimeOffset AsOf, DateTimeOffset? Since,
    IReadOnlyList<string> Countries, string Summary, string? Marking, string Sha256);

/// <summary>The issued reports of an incident, read from the database exactly as they were stored.</summary>
public sealed class IssuedSitreps(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<IssuedSitrep>> ListAsync(Incident incident, CancellationToken cancellationToken = default, int most = int.MaxValue)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.IssuedSitreps.AsNoTracking().Where(s => s.IncidentId == incident.Id).OrderByDescending(s => s.Number).Take(most)
            .Select(s => new { s.Number, s.IssuedAt, s.Author, s.AsOf, s.Since, s.Countries, s.Summary, s.Marking, s.Sha256 })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(s => new IssuedSitrep(s.Number, s.IssuedAt, s.Author, s.AsOf, s.Since, CodesOf(s.Countries), s.Summary, s.Marking, s.Sha256))];
    }

    /// <summary>The newest issued report, or null before the first: the next one's changes run from its moment.</summary>
    public async Task<IssuedSitrep?> LatestAsync(Incident incident, CancellationToken cancellationToken = default) =>
        (await ListAsync(incident, cancellationToken, most: 1)).FirstOrDefault();

    /// <summary>One issued report with its stored PDF and page, or null.</summary>
    public async Task<(IssuedSitrep Sitrep, byte[] Pdf, string Page)?> FindAsync(Incident incident, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var s = await db.IssuedSitreps.AsNoTracking().SingleOrDefaultAsync(s => s.IncidentId == incident.Id && s.Number == number, cancellationToken);
        return s is null ? null
            : (new IssuedSitrep(s.Number, s.IssuedAt, s.Author, s.AsOf, s.Since, CodesOf(s.Countries), s.Summary, s.Marking, s.Sha256), s.Pdf, s.Page);
    }

    private static string[] CodesOf(string countries) => countries.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
