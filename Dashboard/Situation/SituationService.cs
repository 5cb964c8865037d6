using System.Collections.Concurrent;
using System.Collections.Immutable;
using Dashboard.Data;
using Dashboard.Situation.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

public enum CreateIncidentResult { Created, SlugTaken }

public enum RetractResult { Retracted, UnknownReport, AlreadyRetracted }

/// <summary>
/// The single service every screen and endpoint reads the situation from, and the way every write goes in.
/// Keeps one in-memory picture per incident, loaded once and extended by each committed write, so any number
/// of open screens cost no database query after a change; subscribers hear of a change after it commits.
/// </summary>
public sealed partial class SituationService : IDisposable
{
    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly ReportJournal _journal;
    private readonly TimeProvider _clock;
    private readonly ILogger<SituationService> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<IncidentPicture>>> _pictures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableArray<Action<SituationChange>>> _subscribers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _incidentWrites = new(1, 1);
    private volatile IReadOnlyDictionary<string, Incident>? _incidents;

    public SituationService(IDbContextFactory<DashboardDbContext> contexts, ReportJournal journal, TimeProvider clock, ILogger<SituationService> logger)
    {
        _contexts = contexts;
        _journal = journal;
        _clock = clock;
        _logger = logger;
        Validator = new ReportValidator(clock);
        _journal.Committed += OnCommitted;
    }

    public ReportValidator Validator { get; }

    // ---- Reads ----

    public async Task<IReadOnlyList<Incident>> GetIncidentsAsync(CancellationToken cancellationToken = default) =>
        (await IncidentsAsync(cancellationToken)).Values.OrderBy(i => i.StartedAt).ThenBy(i => i.Slug, StringComparer.Ordinal).ToArray();

    public async Task<Incident?> FindIncidentAsync(string slug, CancellationToken cancellationToken = default) =>
        (await IncidentsAsync(cancellationToken)).GetValueOrDefault(slug);

    /// <summary>The whole situation at <paramref name="asOf"/> (now when null), or null for an unknown incident.</summary>
    public async Task<SituationSnapshot?> GetSituationAsync(string slug, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var picture = await PictureAsync(slug, cancellationToken);
        return picture?.Snapshot(asOf);
    }

    public async Task<TalliesView?> GetTalliesAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default) =>
        await PictureAsync(slug, cancellationToken) is { } picture
            ? new TalliesView(asOf ?? _clock.GetUtcNow(), picture.Tallies(asOf, countries))
            : null;

    public async Task<IReadOnlyList<CountryBreakdown>?> GetCountriesAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default) =>
        (await PictureAsync(slug, cancellationToken))?.Countries(asOf, countries);

    public async Task<IReadOnlyList<TimelineEntry>?> GetTimelineAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default) =>
        (await PictureAsync(slug, cancellationToken))?.Timeline(asOf, countries);

    public async Task<CreateIncidentResult> CreateIncidentAsync(NewIncident incident, Actor actor, CancellationToken cancellationToken = default)
    {
        await _incidentWrites.WaitAsync(cancellationToken);
        try
        {
            if ((await IncidentsAsync(cancellationToken)).ContainsKey(incident.Slug))
                return CreateIncidentResult.SlugTaken;
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            db.Incidents.Add(new IncidentEntity
            {
                Slug = incident.Slug, Name = incident.Name, HostCountry = incident.HostCountry,
                TimeZone = incident.TimeZone, StartedAt = incident.StartedAt, Location = incident.Location,
            });
            db.Audit.Add(AuditEntryEntity.For(actor, _clock.GetUtcNow(), "create incident", incident.Slug, $"Created '{incident.Name}' (host {incident.HostCountry})."));
            await db.SaveChangesAsync(cancellationToken);
            _incidents = null;
            return CreateIncidentResult.Created;
        }
        finally
        {
            _incidentWrites.Release();
        }
    }

    /// <summary>Stores reports all-or-nothing; returns, per report, whether it was new or already stored (same id).</summary>
    public Task<IReadOnlyList<WriteOutcome>> SubmitAsync(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, string action = "report", CancellationToken cancellationToken = default) =>
        _journal.WriteAsync(incident, reports, actor, action, cancellationToken);

    /// <summary>
    /// Retracts a report from now on: it stops counting, stays in the history, and views of earlier moments still
    /// show what was believed then.
    /// </summary>
    public async Task<(RetractResult Result, Retraction? Retraction)> RetractAsync(Incident incident, string reportId, string reason, Actor by, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var report = await db.Reports.AsNoTracking()
            .Where(r => r.Id == reportId && r.IncidentId == incident.Id)
            .Select(r => new { r.Sequence, Retraction = r.Retraction })
            .SingleOrDefaultAsync(cancellationToken);
        if (report is null)
            return (RetractResult.UnknownReport, null);
        if (report.Retraction is { } existing)
            return (RetractResult.AlreadyRetracted, new Retraction(existing.RetractedAt, existing.Reason, existing.RetractedBy));

        var at = _clock.GetUtcNow();
        db.Retractions.Add(new RetractionEntity
        {
            ReportSequence = report.Sequence, RetractedAt = at, RetractedAtUtcTicks = at.UtcTicks, Reason = reason, RetractedBy = by.Name,
        });
        db.Audit.Add(AuditEntryEntity.For(by, at, "retract", incident.Slug, $"Retracted report '{reportId}': {reason}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
        {
            return (RetractResult.AlreadyRetracted, null); // retracted at the same moment by someone else (unique constraint)
        }

        if (_pictures.TryGetValue(incident.Slug, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            lazy.Value.Result.Retract(reportId, at);
        else
            _pictures.TryRemove(incident.Slug, out _);
        Announce(incident.Slug, [reportId]);
        return (RetractResult.Retracted, new Retraction(at, reason, by.Name));
    }

    // ---- Change notifications ----

    /// <summary>Calls <paramref name="onChange"/> after each committed write to the incident, off the writer's thread.</summary>
    public IDisposable Subscribe(string slug, Action<SituationChange> onChange)
    {
        _subscribers.AddOrUpdate(slug, [onChange], (_, list) => list.Add(onChange));
        return new Subscription(() => _subscribers.AddOrUpdate(slug, [], (_, list) => list.Remove(onChange)));
    }

    public int SubscriberCount(string slug) => _subscribers.TryGetValue(slug, out var list) ? list.Length : 0;

    private void OnCommitted(IReadOnlyList<Report> reports)
    {
        foreach (var group in reports.GroupBy(r => r.IncidentSlug))
        {
            // A picture not loaded yet will read these from the database when first asked for.
            if (_pictures.TryGetValue(group.Key, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
                lazy.Value.Result.Apply(group);
            else
                _pictures.TryRemove(group.Key, out _);

            Announce(group.Key, group.Select(r => r.Id).ToArray());
        }
    }

    private void Announce(string slug, IReadOnlyList<string> reportIds)
    {
        if (_subscribers.TryGetValue(slug, out var listeners) && listeners.Length > 0)
            _ = Task.Run(() => Notify(listeners, new SituationChange(slug, reportIds)));
    }

    private void Notify(ImmutableArray<Action<SituationChange>> listeners, SituationChange change)
    {
        foreach (var listener in listeners)
        {
            try { listener(change); }
            catch (Exception e) { _logger.LogError(e, "A listener to {Incident} failed", change.IncidentSlug); }
        }
    }

    // ---- Cache ----

    private async Task<IReadOnlyDictionary<string, Incident>> IncidentsAsync(CancellationToken cancellationToken)
    {
        if (_incidents is { } cached)
            return cached;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().ToListAsync(cancellationToken);
        return _incidents = incidents.Select(i => i.ToModel()).ToDictionary(i => i.Slug, StringComparer.Ordinal);
    }

    private async Task<IncidentPicture?> PictureAsync(string slug, CancellationToken cancellationToken)
    {
        if (await FindIncidentAsync(slug, cancellationToken) is not { } incident)
            return null;
        var lazy = _pictures.GetOrAdd(slug, _ => new Lazy<Task<IncidentPicture>>(() => LoadPictureAsync(incident)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _pictures.TryRemove(new KeyValuePair<string, Lazy<Task<IncidentPicture>>>(slug, lazy));
            throw;
        }
    }

    private async Task<IncidentPicture> LoadPictureAsync(Incident incident)
    {
        var picture = new IncidentPicture(incident, _clock);
        await using var db = await _contexts.CreateDbContextAsync();
        var reports = db.Reports.AsNoTracking()
            .Include(r => r.Retraction)
            .Where(r => r.IncidentId == incident.Id)
            .OrderBy(r => r.Sequence)
            .AsAsyncEnumerable();
        var chunk = new List<Report>(4096);
        await foreach (var report in reports)
        {
            chunk.Add(report.ToModel(incident.Slug));
            if (chunk.Count == chunk.Capacity) { picture.Apply(chunk); chunk.Clear(); }
        }
        picture.Apply(chunk);
        return picture;
    }

    public void Dispose() => _journal.Committed -= OnCommitted;

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;
        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}

public sealed record SituationChange(string IncidentSlug, IReadOnlyList<string> ReportIds);
