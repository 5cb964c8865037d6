using System.Globalization;
using Dashboard.Situation;
using Dashboard.Situation.Live;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Data.Postgres;

/// <summary>
/// The change signal between instances on one PostgreSQL database. A commit sends <c>NOTIFY</c> from inside its own
/// transaction, carrying only what advanced ("incidents 3 and 7", "the incident list", "access"); every other instance
/// hears it when the commit lands and catches up from the log, which stays the only source of what changed. A
/// notification lost while the listening connection was down is made good by catching up on everything when it is back.
/// </summary>
public sealed class PostgresChangeSignal(ILogger<InProcessChangeSignal> logger) : InProcessChangeSignal(logger)
{
    public const string Channel = "dashboard_changes";

    /// <summary>Who sent a notification, so an instance skips its own (it has already applied them).</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N")[..12];

    public override async Task AnnounceAsync(DashboardDbContext db, ChangeNotice notice, CancellationToken cancellationToken = default)
    {
        var payload = Format(Origin, notice);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
    }

    // "origin|flags|id,id": flags i (incident list), a (access). Small and flat: a payload is at most 8000 bytes.
    internal static string Format(string origin, ChangeNotice notice) =>
        $"{origin}|{(notice.IncidentsChanged ? "i" : "")}{(notice.AccessChanged ? "a" : "")}|{string.Join(',', notice.IncidentIds)}";

    internal static (string Origin, ChangeNotice Notice)? Parse(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 3)
            return null;
        var ids = new HashSet<int>();
        foreach (var id in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return null;
            ids.Add(value);
        }
        return (parts[0], new ChangeNotice(ids, parts[1].Contains('i')) { AccessChanged = parts[1].Contains('a') });
    }
}

/// <summary>Listens for other instances' notifications on one connection of its own, and keeps listening through
/// dropped connections and server restarts.</summary>
public sealed class PostgresChangeListener(DashboardDatabase database, PostgresChangeSignal signal, TimeProvider clock, ILogger<PostgresChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>How many times the listening connection has been (re)opened; each opening is followed by a full catch-up.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private int _connections;
    private NpgsqlConnection? _connection;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Postgres is null)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = database.OpenListeningConnection()!;
                await connection.OpenAsync(stoppingToken);
                _connection = connection;
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeSignal.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Interlocked.Increment(ref _connections);
                // Whatever was committed while nobody listened is in the log: read it now.
                signal.Raise(ChangeNotice.Anything);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listening for other instances' changes failed; retrying in {Delay}", RetryAfter);
                await Task.Delay(RetryAfter, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                _connection = null;
            }
        }
    }

    /// <summary>Drops the listening connection as a network fault would (for tests); the listener reconnects and catches up.</summary>
    public async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            await using var kill = await database.Postgres!.OpenConnectionAsync();
            await using var command = new NpgsqlCommand($"SELECT pg_terminate_backend({connection.ProcessID})", kill);
            await command.ExecuteNonQueryAsync();
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (PostgresChangeSignal.Parse(e.Payload) is not { } message)
        {
            logger.LogWarning("Ignored a malformed change notification");
            return;
        }
        if (message.Origin != signal.Origin)
            signal.Raise(message.Notice);
    }
}
