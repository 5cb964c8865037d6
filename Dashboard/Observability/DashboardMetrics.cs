using Dashboard.Situation.Live;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Observability;

/// <summary>
/// The app's own instruments, all under <c>dashboard.</c>, with low-cardinality tags only (an incident's slug, a source
/// kind, an outcome; never a report id or a person). Exported with the framework's own meters (see
/// <see cref="ObservabilityExtensions"/>); the Operations panel reads these same instruments.
/// </summary>
public sealed class DashboardMetrics : IDisposable
{
    public const string MeterName = "Dashboard";

    /// <summary>
    /// The meter's name: <see cref="MeterName"/>, unless <c>Observability:MeterName</c> says otherwise — for tests, which
    /// run many apps in one process: exporters follow meters by name, so same-named meters of other apps would mix in.
    /// </summary>
    public static string NameIn(IConfiguration configuration) => configuration["Observability:MeterName"] ?? MeterName;
    public const string ActivitySourceName = "Dashboard";

    /// <summary>Traces of the app's own work: a write's journal commit, its notification of screens.</summary>
    public static readonly ActivitySource Activities = new(ActivitySourceName);

    // Durations from a millisecond to a minute (the exporters' default boundaries are for milliseconds).
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private readonly Meter _meter;
    private readonly Counter<long> _reportsCommitted;
    private readonly Histogram<int> _commitSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _retractions;
    private readonly Counter<long> _imports;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importDuration;
    private readonly Counter<long> _pictureLoads;
    private readonly Histogram<double> _journalTurnWait;
    private readonly Counter<long> _picturePasses;
    private readonly Histogram<double> _notificationDelay;
    private readonly UpDownCounter<long> _screens;
    private readonly Counter<long> _refreshWidened;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _unavailable;
    private readonly Counter<long> _databaseCommands;
    private readonly Counter<long> _alertsSent;
    private readonly Counter<long> _alertsFailed;
    private readonly Histogram<double> _alertRetryDelay;
    private readonly Histogram<double> _alertChangeToSent;

    public DashboardMetrics(IMeterFactory meters, IConfiguration configuration)
    {
        _meter = meters.Create(NameIn(configuration));
        _reportsCommitted = _meter.CreateCounter<long>("dashboard.reports.committed", "{report}", "Reports stored, by incident and source kind.");
        _commitSize = _meter.CreateHistogram<int>("dashboard.journal.commit.size", "{report}", "Reports stored by one group commit.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _commitDuration = _meter.CreateHistogram<double>("dashboard.journal.commit.duration", "s", "Time to write and commit one group of reports.", advice: Seconds);
        _journalTurnWait = _meter.CreateHistogram<double>("dashboard.journal.turn.wait", "s",
            "Time a commit waited for the journal's turn: on PostgreSQL, for the advisory lock another instance's commit may hold.", advice: Seconds);
        _picturePasses = _meter.CreateCounter<long>("dashboard.pictures.passes", "{pass}",
            "Catch-up passes after the load, by where they found the changes: offered (the commits' own, in order) or log (read back from the database).");
        _retractions = _meter.CreateCounter<long>("dashboard.reports.retracted", "{report}", "Reports retracted, by incident.");
        _imports = _meter.CreateCounter<long>("dashboard.imports", "{import}", "File imports, by outcome (stored or refused).");
        _importRows = _meter.CreateCounter<long>("dashboard.import.rows", "{row}", "Rows read from imported files.");
        _importDuration = _meter.CreateHistogram<double>("dashboard.import.duration", "s", "Time to check and store one imported file.", advice: Seconds);
        _pictureLoads = _meter.CreateCounter<long>("dashboard.pictures.loaded", "{picture}", "Pictures loaded from the start of the change log.");
        _notificationDelay = _meter.CreateHistogram<double>("dashboard.screens.notification.delay", "s", "From a commit to its screens being told of it.", advice: Seconds);
        _screens = _meter.CreateUpDownCounter<long>("dashboard.screens.live", "{screen}", "Live screens open, by incident and kind (page or wall).");
        _refreshWidened = _meter.CreateCounter<long>("dashboard.screens.refresh.widened", "{window}", "Refresh windows widened under a storm of changes.");
        _rateLimited = _meter.CreateCounter<long>("dashboard.rate_limit.refused", "{request}", "Requests refused by a rate limit, by limit.");
        _signIns = _meter.CreateCounter<long>("dashboard.sign_ins", "{attempt}", "Sign-in attempts, by outcome (succeeded, failed, locked_out).");
        _unavailable = _meter.CreateCounter<long>("dashboard.database.unavailable", "{response}", "Writes answered 503 because the database could not take them, by reason.");
        _alertsSent = _meter.CreateCounter<long>("dashboard.alerts.sent", "{alert}", "Alerts sent (webhook, e-mail) or shown (page), by channel.");
        _alertsFailed = _meter.CreateCounter<long>("dashboard.alerts.failed", "{alert}", "Alerts given up on after their retries, by channel.");
        _alertRetryDelay = _meter.CreateHistogram<double>("dashboard.alerts.retry.delay", "s", "The wait before an alert's next attempt, by channel.");
        _alertChangeToSent = _meter.CreateHistogram<double>("dashboard.alerts.change_to_sent", "s", "From a change's commit to its alert sent or shown, by channel.", advice: Seconds);
        _databaseCommands = _meter.CreateCounter<long>("dashboard.database.commands", "{command}", "SQL commands sent to the database.");
    }

    public void ReportsCommitted(string incident, string sourceKind, int count) =>
        _reportsCommitted.Add(count, new("incident", incident), new("source_kind", sourceKind));

    public void GroupCommitted(int reports, TimeSpan duration)
    {
        _commitSize.Record(reports);
        _commitDuration.Record(duration.TotalSeconds);
    }

    public void JournalTurnTaken(TimeSpan waited) => _journalTurnWait.Record(waited.TotalSeconds);

    public void PicturePassed(bool readTheLog) => _picturePasses.Add(1, new KeyValuePair<string, object?>("read", readTheLog ? "log" : "offered"));

    public void Retracted(string incident) => _retractions.Add(1, new KeyValuePair<string, object?>("incident", incident));

    public void Imported(string incident, bool stored, int rows, TimeSpan duration)
    {
        _imports.Add(1, new("incident", incident), new("outcome", stored ? "stored" : "refused"));
        _importRows.Add(rows, new KeyValuePair<string, object?>("incident", incident));
        _importDuration.Record(duration.TotalSeconds);
    }

    public void PictureLoaded(string incident) => _pictureLoads.Add(1, new KeyValuePair<string, object?>("incident", incident));

    public void ScreensTold(string incident, TimeSpan sinceCommit) =>
        _notificationDelay.Record(sinceCommit.TotalSeconds, new KeyValuePair<string, object?>("incident", incident));

    public void ScreenOpened(string incident, string kind) => _screens.Add(1, new("incident", incident), new("kind", kind));

    public void ScreenClosed(string incident, string kind) => _screens.Add(-1, new("incident", incident), new("kind", kind));

    public void RefreshWidened() => _refreshWidened.Add(1);

    public void RateLimited(string limit) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void SignIn(string outcome) => _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Unavailable(string reason) => _unavailable.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void DatabaseCommand() => _databaseCommands.Add(1);

    public void AlertSent(string channel, TimeSpan sinceChange)
    {
        _alertsSent.Add(1, new KeyValuePair<string, object?>("channel", channel));
        _alertChangeToSent.Record(Math.Max(0, sinceChange.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));
    }

    public void AlertFailed(string channel) => _alertsFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void AlertRetried(string channel, TimeSpan wait) => _alertRetryDelay.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>Reads how far each live picture is behind the change log whenever the gauge is observed.</summary>
    public void ObservePictureLags(Func<IReadOnlyList<Situation.Live.PictureLag>> lags) =>
        _meter.CreateObservableGauge("dashboard.pictures.lag", () => lags().Select(lag =>
                new Measurement<double>(lag.Lag.TotalSeconds, new KeyValuePair<string, object?>("incident", lag.Incident))),
            "s", "How long each live picture has had a change of the log waiting to be applied (0 when up to date).");

    /// <summary>The meter itself, for the Operations panel's listener (it reads these instruments, not a copy of them).</summary>
    internal Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
