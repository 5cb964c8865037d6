using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

// The reports behind the situation: for export, the history, the report form, the audit log and single lookups.
public sealed partial class SituationService
{
    /// <summary>
    /// The reports behind the situation at a moment (now when null): reported by then and not retracted by then, in the
    /// order they were stored, narrowed to the nationalities given. What an export carries.
    /// </summary>
    public async Task<IReadOnlyList<Report>?> GetReportsAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default)
    {
        if (await FindIncidentAsync(slug, cancellationToken) is not { } incident)
            return null;
        var asOfTicks = (asOf ?? _clock.GetUtcNow()).UtcTicks;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction)
            .Where(r => r.IncidentId == incident.Id && r.ReportedAtUtcTicks <= asOfTicks)
            .Where(r => r.Retraction == null || r.Retraction.RetractedAtUtcTicks > asOfTicks)
            .OrderBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        return entities
            .Select(e => Narrow(e.ToModel(slug), countries, incident.HostCountry))
            .OfType<Report>()
            .ToArray();
    }

    private static Report? Narrow(Report report, CountryFilter countries, string hostCountry)
    {
        if (countries.IsEmpty)
            return report;
        var narrowed = report with
        {
            Figures = report.Figures.Where(f => countries.Includes(f.Scope, hostCountry)).ToArray(),
            Event = report.Event is { } e && e.Countries.Any(countries.Codes.Contains) ? e : null,
            People = report.People.Where(p => countries.Codes.Contains(p.Nationality)).ToArray(),
        };
        return narrowed.Figures.Count > 0 || narrowed.Event is not null || narrowed.People.Count > 0 ? narrowed : null;
    }

    /// <summary>
    /// Every report of the incident, newest first, with whether it is current (one of its figures is a headline now,
    /// or it brings an event or people), superseded (all its figures have given way) or retracted.
    /// </summary>
    public async Task<IReadOnlyList<ReportHistoryEntry>?> GetHistoryAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (await GetSituationAsync(slug, null, cancellationToken) is not { } live)
            return null;
        var headlines = live.Tallies.Select(t => t.ReportId).ToHashSet(StringComparer.Ordinal);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction)
            .Where(r => r.Incident!.Slug == slug)
            .OrderByDescending(r => r.ReportedAtUtcTicks).ThenByDescending(r => r.Sequence)
            .ToListAsync(cancellationToken);
        return entities.Select(e => e.ToModel(slug)).Select(r => new ReportHistoryEntry(r,
            r.Retraction is not null ? ReportStanding.Retracted
            : r.Figures.Count == 0 || headlines.Contains(r.Id) ? ReportStanding.Current
            : ReportStanding.Superseded)).ToArray();
    }

    /// <summary>The sources that have reported on the incident, for the report form to offer.</summary>
    public async Task<IReadOnlyList<Source>> GetSourcesAsync(string slug, CancellationToken cancellationToken = default) =>
        (await PictureAsync(slug, cancellationToken))?.Sources() ?? [];

    /// <summary>The people named in reports, as of a moment: for Analysts only, which the caller must check.</summary>
    public async Task<IReadOnlyList<NamedPersonReport>> GetNamedPeopleAsync(string slug, DateTimeOffset? asOf, CancellationToken cancellationToken = default) =>
        (await PictureAsync(slug, cancellationToken))?.PeopleAt(asOf) ?? [];

    /// <summary>What saving <paramref name="report"/> would change in the live headlines, and what looks inconsistent.</summary>
    public async Task<ReportPreview?> PreviewAsync(string slug, NewReport report, CancellationToken cancellationToken = default) =>
        await PictureAsync(slug, cancellationToken) is { } picture
            ? ReportPreview.Of(report, picture.Snapshot(null).Tallies, picture.Incident)
            : null;

    /// <summary>The most recent changes, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int take = 200, CancellationToken cancellationToken = default) =>
        await GetAuditAsync(new AuditFilter(null, null, null), take, cancellationToken);

    /// <summary>The most recent changes matching the filter (each part a case-insensitive "contains"), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditFilter filter, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Audit.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
            query = query.Where(a => EF.Functions.Like(a.Actor, $"%{filter.Actor.Trim()}%"));
        if (!string.IsNullOrWhiteSpace(filter.Action))
            query = query.Where(a => EF.Functions.Like(a.Action, $"%{filter.Action.Trim()}%"));
        if (!string.IsNullOrWhiteSpace(filter.Text))
            query = query.Where(a => EF.Functions.Like(a.Detail, $"%{filter.Text.Trim()}%") || EF.Functions.Like(a.Incident ?? "", $"%{filter.Text.Trim()}%")
                || EF.Functions.Like(a.Address ?? "", $"%{filter.Text.Trim()}%"));
        var entries = await query.OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
        return entries.Select(a => a.ToModel()).ToArray();
    }

    public async Task<int> CountReportsAsync(string slug, CancellationToken cancellationToken = default) =>
        (await PictureAsync(slug, cancellationToken))?.ReportCount ?? 0;

    public async Task<Report?> FindReportAsync(string slug, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction)
            .SingleOrDefaultAsync(r => r.Id == id && r.Incident!.Slug == slug, cancellationToken);
        return entity?.ToModel(slug);
    }

    // ---- Writes ----
}
