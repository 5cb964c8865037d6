using Dashboard.Situation.Live;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Situation;

/// <summary>
/// The one service every screen and endpoint reads the situation from and writes through. Writes go to the
/// <see cref="ChangeJournal"/>; reads come from the live pictures, projections of the change log it writes
/// (<see cref="LivePictures"/>, <see cref="IncidentCatalogue"/>), or from the stored reports (<see cref="ReportQueries"/>).
/// A writer is answered once its own process's picture shows the write, so it reads what it wrote.
/// </summary>
public sealed class SituationService(
    IncidentCatalogue catalogue, LivePictures pictures, ChangeJournal journal, SituationNotifications notifications,
    ReportQueries reports, PastViews pastViews, TimeProvider clock, Microsoft.Extensions.Options.IOptions<IngestRules> rules, ILogger<SituationService> logger)
{
    // A write is durable once the journal answers; this only bounds how long its writer waits to read it back.
    private static readonly TimeSpan ReadYourWriteLimit = TimeSpan.FromSeconds(10);

    public ReportValidator Validator { get; } = new(clock, TimeSpan.FromDays(rules.Value.EarliestDaysBeforeStart));

    // ---- Incidents ----

    public async Task<IReadOnlyList<Incident>> GetIncidentsAsync(CancellationToken cancellationToken = default) =>
        (await catalogue.AllAsync(cancellationToken)).Values.OrderBy(i => i.StartedAt).ThenBy(i => i.Slug, StringComparer.Ordinal).ToArray();

    public async Task<Incident?> FindIncidentAsync(string slug, CancellationToken cancellationToken = default) =>
        await catalogue.FindAsync(slug, cancellationToken);

    public async Task<CreateIncidentResult> CreateIncidentAsync(NewIncident incident, Actor actor, CancellationToken cancellationToken = default)
    {
        var committed = await journal.CreateIncidentAsync(incident, actor, cancellationToken);
        await ReadYourWrite(catalogue.WaitForAsync(committed.Sequence), incident.Slug);
        return committed.Result;
    }

    /// <summary>Marks the incident ended at a moment (null: going on again); the catalogue and its picture show it when this returns.</summary>
    public async Task<EndResult> EndIncidentAsync(Incident incident, DateTimeOffset? endedAt, Actor actor, CancellationToken cancellationToken = default)
    {
        var committed = await journal.EndIncidentAsync(incident, endedAt, actor, cancellationToken);
        await ReadYourWrite(catalogue.WaitForAsync(committed.Sequence), incident.Slug);
        await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return committed.Result;
    }

    /// <summary>Stores an issued situation report (made by <see cref="Briefing.SitrepIssuer"/>); its incident's screens follow.</summary>
    public async Task<IssueResult> IssueSitrepAsync(Incident incident, Data.IssuedSitrepEntity sitrep, Actor actor, CancellationToken cancellationToken = default)
    {
        var committed = await journal.IssueSitrepAsync(incident, sitrep, actor, cancellationToken);
        await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return committed.Result;
    }

    // ---- The live situation ----

    /// <summary>The whole situation at <paramref name="asOf"/> (now when null), or null for an unknown incident.</summary>
    public Task<SituationSnapshot?> GetSituationAsync(string slug, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default) =>
        ViewAsync(slug, asOf, state => asOf is null && pictures.BehindSince(state.Incident) is { } behind
            ? state.Snapshot(asOf) with { BehindSince = behind }
            : state.Snapshot(asOf), cancellationToken);

    public Task<TalliesView?> GetTalliesAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default) =>
        ViewAsync(slug, asOf, state => new TalliesView(asOf ?? clock.GetUtcNow(), state.Tallies(asOf, countries)), cancellationToken);

    /// <summary>
    /// The live headlines of every key with the version of the picture they come from (the last change applied): the
    /// same version, the same headlines, on every instance.
    /// </summary>
    public async Task<VersionedTallies?> GetLiveTalliesAsync(string slug, CancellationToken cancellationToken = default) =>
        await StateAsync(slug, cancellationToken) is { } state
            ? new VersionedTallies(state.Sequence, clock.GetUtcNow(), state.Tallies(null, CountryFilter.None))
            : null;

    /// <summary>
    /// The version of what is known about a past moment (<see cref="PastVersions"/>): while it stays the same, so does
    /// every view of that moment. Null for the live moment, whose view changes with every change, or an unknown incident.
    /// </summary>
    public async Task<long?> GetPastVersionAsync(string slug, DateTimeOffset? asOf, CancellationToken cancellationToken = default) =>
        (await StateAsync(slug, cancellationToken))?.PastVersionOf(asOf);

    /// <summary>One key's headline through the incident up to <paramref name="asOf"/>; null for an unknown incident.</summary>
    public Task<HeadlineHistory?> GetHeadlineHistoryAsync(string slug, FigureKey key, DateTimeOffset? asOf, CancellationToken cancellationToken = default) =>
        ViewAsync(slug, asOf, state => asOf is null ? state.LiveHistory(key) : HeadlineHistory.Of(state, key, asOf), cancellationToken);

    /// <summary>The charts a screen draws for <paramref name="situation"/> narrowed to <paramref name="filter"/>
    /// (<see cref="ChartedKeys"/>): each key's history up to the moment shown, those with no figure yet left out.</summary>
    public async Task<IReadOnlyList<HeadlineHistory>> GetChartedHistoriesAsync(SituationSnapshot situation, CountryFilter filter, int most, CancellationToken cancellationToken = default)
    {
        var asOf = situation.IsLive ? (DateTimeOffset?)null : situation.AsOf;
        var charts = new List<HeadlineHistory>();
        foreach (var key in ChartedKeys.Of(situation, filter).Take(most))
            if (await GetHeadlineHistoryAsync(situation.Incident.Slug, key, asOf, cancellationToken) is { Steps.Count: > 0 } history)
                charts.Add(history);
        return charts;
    }

    public Task<IReadOnlyList<CountryBreakdown>?> GetCountriesAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default) =>
        ViewAsync(slug, asOf, state => state.Countries(asOf, countries), cancellationToken);

    public Task<IReadOnlyList<TimelineEntry>?> GetTimelineAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default) =>
        ViewAsync(slug, asOf, state => state.TimelineAsOf(asOf, countries), cancellationToken);

    /// <summary>
    /// What changed between <paramref name="since"/> and <paramref name="asOf"/> (now when null), narrowed to the
    /// nationalities given; null for an unknown incident.
    /// </summary>
    public async Task<ChangesSince?> GetChangesAsync(string slug, DateTimeOffset since, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default)
    {
        if (await StateAsync(slug, cancellationToken) is not { } state)
            return null;
        var until = asOf ?? clock.GetUtcNow();
        var before = await WorkOutAsync(state, since, state => state.Snapshot(since), cancellationToken);
        var after = await WorkOutAsync(state, asOf, state => state.Snapshot(asOf), cancellationToken);
        var retracted = await reports.RetractedBetweenAsync(state.Incident, since, until, countries, cancellationToken);
        return ChangesSince.Between(since, until,
            (countries.TalliesWithOverall(before), countries.Breakdowns(before)),
            (countries.TalliesWithOverall(after), countries.Breakdowns(after), countries.Timeline(after.Timeline)),
            retracted);
    }

    /// <summary>How far each loaded live picture is behind the change log (for the Operations panel).</summary>
    public IReadOnlyList<PictureLag> GetPictureLags() => pictures.Lags();

    // The live view is at hand; a past moment's is worked out in its turn (PastViews).
    private async Task<T?> ViewAsync<T>(string slug, DateTimeOffset? asOf, Func<PictureState, T> view, CancellationToken cancellationToken) where T : class
    {
        if (await StateAsync(slug, cancellationToken) is not { } state)
            return null;
        return await WorkOutAsync(state, asOf, view, cancellationToken);
    }

    private async Task<T> WorkOutAsync<T>(PictureState state, DateTimeOffset? asOf, Func<PictureState, T> view, CancellationToken cancellationToken) =>
        state.IsPast(asOf) ? await pastViews.WorkOutAsync(() => view(state), cancellationToken) : view(state);

    /// <summary>The sources that have reported on the incident, for the report form to offer.</summary>
    public async Task<IReadOnlyList<Source>> GetSourcesAsync(string slug, CancellationToken cancellationToken = default) =>
        (await StateAsync(slug, cancellationToken))?.Sources() ?? [];

    /// <summary>Every source that has reported on the incident, with its grade and who gave it when; null for an unknown incident.</summary>
    public async Task<IReadOnlyList<GradedSource>?> GetSourceGradesAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (await StateAsync(slug, cancellationToken) is not { } state)
            return null;
        var given = await reports.GradesAsync(state.Incident, cancellationToken);
        var records = await reports.SourceRecordsAsync(state.Incident, cancellationToken);
        return state.Sources()
            .Select(s => (given.TryGetValue(s.Name, out var g) && g.Reliability is not null
                ? new GradedSource(s, g.Reliability, g.GradedAt, g.GradedBy)
                : new GradedSource(s, null, null, null)) with
            {
                Aliases = records.TryGetValue(s.Name, out var record) ? record.Aliases : [s.Name],
                Relays = state.Book.RelaysOf(s.Name),
            })
            .ToArray();
    }

    /// <summary>Merges, renames or relays a source record; the picture shows it when this returns.</summary>
    public async Task<SourceChangeResult> ChangeSourceAsync(Incident incident, SourceChange change, Actor actor, CancellationToken cancellationToken = default)
    {
        var committed = await journal.ChangeSourceAsync(incident, change, actor, cancellationToken);
        if (committed.Result == SourceChangeResult.Changed)
            await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return committed.Result;
    }

    /// <summary>
    /// Grades a source of the incident: how reliable it is, A–F, or null for ungraded. Null when no report of the
    /// incident comes from that source. The picture shows the grade when this returns.
    /// </summary>
    public async Task<GradeResult?> GradeSourceAsync(Incident incident, string sourceName, string? reliability, Actor actor, CancellationToken cancellationToken = default)
    {
        if ((await pictures.GetAsync(incident, cancellationToken)).State.Book.RecordOf(sourceName) is not { } source)
            return null;
        var committed = await journal.GradeSourceAsync(incident, source.Name, reliability, actor, cancellationToken);
        if (committed.Result == GradeResult.Graded)
            await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return committed.Result;
    }

    /// <summary>The people named in reports, as of a moment: for Analysts only, which the caller must check.</summary>
    public async Task<IReadOnlyList<NamedPersonReport>> GetNamedPeopleAsync(string slug, DateTimeOffset? asOf, CancellationToken cancellationToken = default) =>
        (await StateAsync(slug, cancellationToken))?.PeopleAt(asOf) ?? [];

    /// <summary>What saving <paramref name="report"/> would change in the live headlines, and what looks inconsistent.</summary>
    public async Task<ReportPreview?> PreviewAsync(string slug, NewReport report, CancellationToken cancellationToken = default) =>
        await StateAsync(slug, cancellationToken) is { } state
            ? ReportPreview.Of(report, state.Snapshot(null).Tallies, state.Incident)
            : null;

    public async Task<int> CountReportsAsync(string slug, CancellationToken cancellationToken = default) =>
        (await StateAsync(slug, cancellationToken))?.ReportCount ?? 0;

    private async Task<PictureState?> StateAsync(string slug, CancellationToken cancellationToken) =>
        await FindIncidentAsync(slug, cancellationToken) is { } incident
            ? (await pictures.GetAsync(incident, cancellationToken)).State
            : null;

    // ---- Reports ----

    /// <summary>Stores reports all-or-nothing; returns, per report, whether it was new or already stored (same id).</summary>
    public async Task<IReadOnlyList<WriteOutcome>> SubmitAsync(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, string action = "report", CancellationToken cancellationToken = default)
    {
        Committed<IReadOnlyList<WriteOutcome>> committed;
        try
        {
            committed = await journal.WriteReportsAsync(incident, reports, actor, action, cancellationToken);
        }
        catch (ReportIdConflictException e)
        {
            Observability.WriteLog.Refused(logger, incident.Slug, actor.Name, action, "report id conflict", e.Ids[0], reports.Count - 1);
            throw;
        }
        var created = committed.Result.Count(o => o.Result == WriteResult.Created);
        if (reports.Count > 0)
            Observability.WriteLog.Stored(logger, incident.Slug, actor.Name, action, created > 0 ? "stored" : "already stored", created,
                committed.Result.Count - created, reports[0].Id, Vocabulary.WireName(reports[0].Source.Kind), reports.Count - 1);
        await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return committed.Result;
    }

    /// <summary>Stores a checked file's reports all-or-nothing (<see cref="ChangeJournal.ImportReportsAsync"/>): staged
    /// first, then committed by one short turn of the writer.</summary>
    public async Task<ImportCounts> ImportAsync(Incident incident, IReadOnlyList<NewReport> reports, Actor actor, CancellationToken cancellationToken = default)
    {
        Committed<ImportCounts> committed;
        try
        {
            committed = await journal.ImportReportsAsync(incident, reports, actor, cancellationToken);
        }
        catch (ReportIdConflictException e)
        {
            Observability.WriteLog.Refused(logger, incident.Slug, actor.Name, "import", "report id conflict", e.Ids[0], reports.Count - 1);
            throw;
        }
        var counts = committed.Result;
        if (reports.Count > 0)
            Observability.WriteLog.Stored(logger, incident.Slug, actor.Name, "import", counts.Created > 0 ? "stored" : "already stored", counts.Created,
                counts.AlreadyStored, reports[0].Id, Vocabulary.WireName(reports[0].Source.Kind), reports.Count - 1);
        await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return counts;
    }

    /// <summary>
    /// Retracts a report from now on: it stops counting, stays in the history, and views of earlier moments still
    /// show what was believed then.
    /// </summary>
    public async Task<(RetractResult Result, Retraction? Retraction)> RetractAsync(Incident incident, string reportId, string reason, Actor by, CancellationToken cancellationToken = default)
    {
        var committed = await journal.RetractAsync(incident, reportId, reason, by, cancellationToken);
        await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return committed.Result;
    }

    /// <summary>Withdraws one figure of a report from now on; its other figures keep counting.</summary>
    public async Task<(FigureRetractResult Result, Retraction? Retraction)> RetractFigureAsync(Incident incident, string reportId, int index, string reason, Actor by, CancellationToken cancellationToken = default)
    {
        var committed = await journal.RetractFigureAsync(incident, reportId, index, reason, by, cancellationToken);
        await ReadYourWrite(pictures.WaitForAsync(incident, committed.Sequence), incident.Slug);
        return committed.Result;
    }

    /// <summary>The reports behind the view at a moment, narrowed to nationalities: what an export carries.</summary>
    public async Task<IReadOnlyList<Report>?> GetReportsAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, CancellationToken cancellationToken = default) =>
        await FindIncidentAsync(slug, cancellationToken) is { } incident
            ? await reports.ReportsAsync(incident, asOf, countries, cancellationToken: cancellationToken)
            : null;

    /// <summary>What an export of a moment carries: its reports (retracted ones too, when asked) and each figure's standing then.</summary>
    public async Task<ExportView?> GetExportAsync(string slug, DateTimeOffset? asOf, CountryFilter countries, bool withRetracted, CancellationToken cancellationToken = default)
    {
        if (await FindIncidentAsync(slug, cancellationToken) is not { } incident)
            return null;
        var moment = asOf ?? clock.GetUtcNow();
        var tallies = (await GetTalliesAsync(slug, moment, countries, cancellationToken))!.Tallies;
        var stored = await reports.ReportsAsync(incident, moment, countries, withRetracted, cancellationToken);
        return new ExportView(incident, moment, stored, tallies.Select(t => (t.ReportId, t.Key)).ToHashSet());
    }

    /// <summary>Every report of the incident, newest first, with whether it is current, superseded or retracted.</summary>
    /// <summary>Every report of the incident, newest first, with its standing: the whole history, for checks and tools.</summary>
    public async Task<IReadOnlyList<ReportHistoryEntry>?> GetHistoryAsync(string slug, CancellationToken cancellationToken = default) =>
        (await GetHistoryAsync(slug, HistoryFilter.Everything, _ => null, after: null, take: int.MaxValue, cancellationToken: cancellationToken))?.Entries;

    /// <summary>
    /// A page of the incident's report history, newest first: the first <paramref name="take"/> reports after
    /// <paramref name="after"/> that <paramref name="filter"/> keeps (sources graded as <paramref name="reliabilityOf"/>
    /// says), or with <paramref name="through"/> every kept report down to that place.
    /// </summary>
    public async Task<HistoryPage?> GetHistoryAsync(string slug, HistoryFilter filter, Func<string, string?> reliabilityOf, HistoryCursor? after, int take,
        HistoryCursor? through = null, CancellationToken cancellationToken = default) =>
        await StateAsync(slug, cancellationToken) is { } state
            ? await reports.HistoryAsync(state.Incident, state.Snapshot(null).Tallies.Select(t => t.ReportId).ToHashSet(StringComparer.Ordinal),
                entry => filter.Keeps(entry, reliabilityOf), after, take, through, cancellationToken)
            : null;

    public Task<Report?> FindReportAsync(string slug, string id, CancellationToken cancellationToken = default) =>
        reports.FindReportAsync(slug, id, cancellationToken);

    /// <inheritdoc cref="ReportQueries.StatementTranslationsAsync"/>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<StatementTranslation>>> GetStatementTranslationsAsync(string slug, IReadOnlyCollection<string> reportIds,
        CancellationToken cancellationToken = default) => reports.StatementTranslationsAsync(slug, reportIds, cancellationToken);

    /// <summary>The most recent changes matching the filter (each part a case-insensitive "contains"), newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditFilter filter, int take = 200, CancellationToken cancellationToken = default) =>
        reports.AuditAsync(filter, take, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int take = 200, CancellationToken cancellationToken = default) =>
        reports.AuditAsync(new AuditFilter(null, null, null), take, cancellationToken);

    // ---- Change notifications ----

    /// <summary>Calls <paramref name="onChange"/> after each change to the incident shows in the picture, off the writer's thread.</summary>
    public IDisposable Subscribe(string slug, Action<SituationChange> onChange)
    {
        var subscription = notifications.Subscribe(slug, onChange);
        _ = WatchAsync(slug);
        return subscription;
    }

    // Only a loaded picture follows the log, so a screen that listens has its incident's picture loaded.
    private async Task WatchAsync(string slug)
    {
        try { await StateAsync(slug, CancellationToken.None); }
        catch (Exception e) { logger.LogWarning(e, "Loading the picture of {Incident} for a listener failed; the next read retries", slug); }
    }

    public int SubscriberCount(string slug) => notifications.SubscriberCount(slug);

    private async Task ReadYourWrite(Task<bool> applied, string slug)
    {
        if (applied.IsCompletedSuccessfully && applied.Result)
            return;
        // The write is stored whatever happens here: a picture that cannot catch up now does so on the next change.
        try
        {
            if (await applied.WaitAsync(ReadYourWriteLimit))
                return;
        }
        catch (TimeoutException)
        {
        }
        logger.LogWarning("The live picture of {Incident} has not caught up with a write yet", slug);
    }
}
