using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

/// <summary>The stored reports themselves, read from the database: for export, the history, the audit log and single lookups.</summary>
public sealed class ReportQueries(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// The reports behind the situation at a moment (now when null): reported by then and not retracted by then (or,
    /// <paramref name="withRetracted"/>, those retracted by then too), in the order they were stored, narrowed to the
    /// nationalities given. What an export carries.
    /// </summary>
    public async Task<IReadOnlyList<Report>> ReportsAsync(Incident incident, DateTimeOffset? asOf, CountryFilter countries, bool withRetracted = false, CancellationToken cancellationToken = default)
    {
        var asOfTicks = (asOf ?? clock.GetUtcNow()).UtcTicks;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction).Include(r => r.FigureRetractions)
            .Where(r => r.IncidentId == incident.Id && r.ReportedAtUtcTicks <= asOfTicks)
            .Where(r => withRetracted || r.Retraction == null || r.Retraction.RetractedAtUtcTicks > asOfTicks)
            .OrderBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        return entities
            .Select(e => Narrow(e.ToModel(incident.Slug), countries, incident.HostCountry))
            .OfType<Report>()
            .ToArray();
    }

    /// <summary>Reports, and figures of reports, withdrawn after <paramref name="since"/> and by <paramref name="until"/>,
    /// narrowed to the nationalities given, in the order withdrawn.</summary>
    public async Task<IReadOnlyList<Withdrawal>> RetractedBetweenAsync(Incident incident, DateTimeOffset since, DateTimeOffset until, CountryFilter countries, CancellationToken cancellationToken = default)
    {
        var (sinceTicks, untilTicks) = (since.UtcTicks, until.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction).Include(r => r.FigureRetractions)
            .Where(r => r.IncidentId == incident.Id
                && ((r.Retraction != null && r.Retraction.RetractedAtUtcTicks > sinceTicks && r.Retraction.RetractedAtUtcTicks <= untilTicks)
                    || r.FigureRetractions.Any(x => x.RetractedAtUtcTicks > sinceTicks && x.RetractedAtUtcTicks <= untilTicks)))
            .ToListAsync(cancellationToken);
        bool Between(Retraction retraction) => retraction.At.UtcTicks > sinceTicks && retraction.At.UtcTicks <= untilTicks;
        return entities
            .Select(e => Narrow(e.ToModel(incident.Slug), countries, incident.HostCountry))
            .OfType<Report>()
            .SelectMany(report => (report.Retraction is { } whole && Between(whole) ? [new Withdrawal(report, whole, report.Figures, WholeReport: true)] : Array.Empty<Withdrawal>())
                .Concat((report.FigureRetractions ?? []).Where(x => Between(x.Retraction))
                    .Select(x => new Withdrawal(report, x.Retraction, [report.Figures[x.Index]], WholeReport: false))))
            .OrderBy(w => w.Retraction.At)
            .ToArray();
    }

    private static Report? Narrow(Report report, CountryFilter countries, string hostCountry)
    {
        if (countries.IsEmpty)
            return report;
        var kept = Enumerable.Range(0, report.Figures.Count).Where(i => countries.Includes(report.Figures[i].Scope, hostCountry)).ToArray();
        var narrowed = report with
        {
            Figures = kept.Select(i => report.Figures[i]).ToArray(),
            // Each withdrawn figure keeps its withdrawal at its new place.
            FigureRetractions = report.FigureRetractions?.Where(r => kept.Contains(r.Index)).Select(r => r with { Index = Array.IndexOf(kept, r.Index) }).ToArray() is { Length: > 0 } still ? still : null,
            Event = report.Event is { } e && e.Countries.Any(countries.Codes.Contains) ? e : null,
            People = report.People.Where(p => countries.Codes.Contains(p.Nationality)).ToArray(),
        };
        return narrowed.Figures.Count > 0 || narrowed.Event is not null || narrowed.People.Count > 0 ? narrowed : null;
    }

    /// <summary>How many reports the history reads at a time while it fills a page.</summary>
    public const int HistoryChunk = 200;

    /// <summary>
    /// The incident's reports newest first, each with whether it is current (one of its figures is a headline now, or it
    /// brings an event or people), superseded (all its figures have given way) or retracted: from after
    /// <paramref name="after"/> (the newest when null), the first <paramref name="take"/> that <paramref name="keep"/>
    /// keeps; or, with <paramref name="through"/>, every kept one down to that place (the rows a screen shows, read
    /// again). Read a chunk at a time: a page costs its own rows, not the incident's.
    /// </summary>
    public async Task<HistoryPage> HistoryAsync(Incident incident, IReadOnlySet<string> headlines, Func<ReportHistoryEntry, bool> keep,
        HistoryCursor? after, int take, HistoryCursor? through = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Reports.CountAsync(r => r.IncidentId == incident.Id, cancellationToken);
        var kept = new List<ReportHistoryEntry>();
        var cursor = after;
        while (true)
        {
            var query = db.Reports.AsNoTracking().Include(r => r.Retraction).Include(r => r.FigureRetractions)
                .Where(r => r.IncidentId == incident.Id);
            if (cursor is { } from)
                query = query.Where(r => r.ReportedAtUtcTicks < from.ReportedAtUtcTicks || (r.ReportedAtUtcTicks == from.ReportedAtUtcTicks && r.Sequence < from.Sequence));
            if (through is { } last)
                query = query.Where(r => r.ReportedAtUtcTicks > last.ReportedAtUtcTicks || (r.ReportedAtUtcTicks == last.ReportedAtUtcTicks && r.Sequence >= last.Sequence));
            var chunk = await query.OrderByDescending(r => r.ReportedAtUtcTicks).ThenByDescending(r => r.Sequence)
                .Take(HistoryChunk).ToListAsync(cancellationToken);
            foreach (var entity in chunk)
            {
                var report = entity.ToModel(incident.Slug);
                cursor = HistoryCursor.Of(report);
                var entry = new ReportHistoryEntry(report, report.Retraction is not null ? ReportStanding.Retracted
                    : report.Figures.Count == 0 || headlines.Contains(report.Id) ? ReportStanding.Current
                    : ReportStanding.Superseded);
                if (!keep(entry))
                    continue;
                kept.Add(entry);
                if (through is null && kept.Count == take)
                    return new HistoryPage(kept, cursor, total);
            }
            if (chunk.Count < HistoryChunk)
                return new HistoryPage(kept, null, total);
        }
    }

    /// <summary>The most recent changes matching the filter (each part a case-insensitive "contains"), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditFilter filter, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Audit.AsNoTracking();
        // Lower-cased on both sides, so that "contains" ignores case alike on SQLite and PostgreSQL.
        if (!string.IsNullOrWhiteSpace(filter.Actor) && filter.Actor.Trim().ToLowerInvariant() is var actor)
            query = query.Where(a => a.Actor.ToLower().Contains(actor));
        if (!string.IsNullOrWhiteSpace(filter.Action) && filter.Action.Trim().ToLowerInvariant() is var action)
            query = query.Where(a => a.Action.ToLower().Contains(action));
        if (!string.IsNullOrWhiteSpace(filter.Text) && filter.Text.Trim().ToLowerInvariant() is var text)
            query = query.Where(a => a.Detail.ToLower().Contains(text) || (a.Incident ?? "").ToLower().Contains(text)
                || (a.Address ?? "").ToLower().Contains(text));
        var entries = await query.OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
        return entries.Select(a => a.ToModel()).ToArray();
    }

    /// <summary>The grades given to the incident's sources, by source name (case-blind).</summary>
    public async Task<IReadOnlyDictionary<string, (string? Reliability, DateTimeOffset GradedAt, string GradedBy)>> GradesAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var grades = await db.SourceGrades.AsNoTracking().Where(g => g.IncidentId == incident.Id).ToListAsync(cancellationToken);
        return grades.ToDictionary(g => g.SourceName, g => (g.Reliability, g.GradedAt, g.GradedBy), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The incident's source records (merged ones left out), each with the names it goes by and whose word it relays.</summary>
    public async Task<IReadOnlyDictionary<string, (IReadOnlyList<string> Aliases, string? Relays)>> SourceRecordsAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Sources.AsNoTracking().Where(s => s.IncidentId == incident.Id && s.MergedIntoId == null)
            .Select(s => new { s.Name, Aliases = s.Aliases.OrderBy(a => a.Id).Select(a => a.Name).ToList(), Relays = s.Relays == null ? null : s.Relays.Name })
            .ToListAsync(cancellationToken);
        return records.ToDictionary(r => r.Name, r => ((IReadOnlyList<string>)r.Aliases, r.Relays), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The translations of the given reports' statements, by report id (reports without any are left out).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StatementTranslation>>> StatementTranslationsAsync(string slug, IReadOnlyCollection<string> reportIds,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Reports.AsNoTracking()
            .Where(r => r.Incident!.Slug == slug && reportIds.Contains(r.Id) && r.StatementTranslations != null)
            .Select(r => new { r.Id, r.StatementTranslations })
            .ToListAsync(cancellationToken);
        return found.ToDictionary(r => r.Id, r => StatementTranslationsJson.Read(r.StatementTranslations)!, StringComparer.Ordinal);
    }

    public async Task<Report?> FindReportAsync(string slug, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Reports.AsNoTracking()
            .Include(r => r.Retraction).Include(r => r.FigureRetractions)
            .SingleOrDefaultAsync(r => r.Id == id && r.Incident!.Slug == slug, cancellationToken);
        return entity?.ToModel(slug);
    }
}
