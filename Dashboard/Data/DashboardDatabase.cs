using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Dashboard.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// The database this process runs on (<c>Database:Provider</c>: Sqlite by default, or Postgres, with
/// <c>ConnectionStrings:Dashboard</c>), and the one place that makes its units of work. What the providers do
/// differently for the journal (who may write the log, how other processes hear of a commit) is said here too.
/// </summary>
public sealed class DashboardDatabase : IDbContextFactory<DashboardDbContext>, IDisposable
{
    public const string ConnectionStringName = "Dashboard";
    public const string ProviderSetting = "Database:Provider";
    private const string DefaultSqlite = "Data Source=App_Data/dashboard.db";

    /// <summary>Any fixed number, the same in every instance: the advisory lock that makes the journal one writer across them.</summary>
    public const long JournalLock = 0x5D_A5_B0_A2_D0_01;

    private readonly DbContextOptions _options;
    private readonly string _takeTurn;
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _listening;

    public DashboardDatabase(IConfiguration configuration, IHostEnvironment environment, IServiceProvider services)
    {
        Provider = configuration.GetValue(ProviderSetting, DatabaseProvider.Sqlite);
        // How long a write waits for another's lock before the API answers 503.
        var busyTimeout = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseSettings>>().Value.BusyTimeoutSeconds;
        _takeTurn = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SET LOCAL lock_timeout = '{busyTimeout}s'; SELECT pg_advisory_xact_lock({JournalLock});");
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var interceptors = services.GetServices<IInterceptor>().Prepend(services.GetRequiredService<DatabaseCommandCounter>());
        if (Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new InvalidOperationException($"{ProviderSetting} is Postgres but ConnectionStrings:{ConnectionStringName} is not set.");
            var builder = new NpgsqlDataSourceBuilder(configured);
            var connection = builder.ConnectionStringBuilder;
            // The server's lock_timeout (the busy timeout) must say "busy" before the client gives up on the command and
            // can only say "no answer": the client waits a little longer.
            var commandTimeout = busyTimeout + 5;
            connection.CommandTimeout = commandTimeout;
            // Our units of work leave nothing behind on a connection (SET LOCAL and the journal's turn end with their
            // transaction), so a pooled connection needs no DISCARD ALL before its next use, and the statements the
            // journal sends on every commit can stay prepared: both cost the commit a few milliseconds otherwise.
            if (!configured.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
                connection.NoResetOnClose = true;
            if (!configured.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
                connection.MaxAutoPrepare = 64;
            _postgres = builder.Build();
            // LISTEN is state of a session: the listener's connection is its own, never handed back to the pool.
            _listening = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Pooling = false }.ConnectionString;
            ConnectionString = configured;
            _options = Configure(new DbContextOptionsBuilder<PostgresDashboardDbContext>(), services, interceptors)
                .UseNpgsql(_postgres, npgsql => npgsql.CommandTimeout(commandTimeout)).Options;
        }
        else
        {
            ConnectionString = ResolveConnectionString(configured ?? DefaultSqlite, environment.ContentRootPath, busyTimeout);
            _options = Configure(new DbContextOptionsBuilder<SqliteDashboardDbContext>(), services, interceptors.Prepend(new SqlitePragmas(busyTimeout)))
                .UseSqlite(ConnectionString, sqlite => sqlite.CommandTimeout(busyTimeout)).Options;
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The PostgreSQL server's pooled connections; null on SQLite.</summary>
    public NpgsqlDataSource? Postgres => _postgres;

    /// <summary>A connection of its own for LISTEN (outside the pool); null on SQLite.</summary>
    public NpgsqlConnection? OpenListeningConnection() => _listening is null ? null : new NpgsqlConnection(_listening);

    public DashboardDbContext CreateDbContext() => _options switch
    {
        DbContextOptions<PostgresDashboardDbContext> postgres => new PostgresDashboardDbContext(postgres),
        _ => new SqliteDashboardDbContext((DbContextOptions<SqliteDashboardDbContext>)_options),
    };

    private static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> options, IServiceProvider services, IEnumerable<IInterceptor> interceptors)
        where T : DbContext
    {
        options.UseApplicationServiceProvider(services).AddInterceptors(interceptors);
        if (services.GetService<ILoggerFactory>() is { } logging)
            options.UseLoggerFactory(logging);
        return options;
    }

    /// <summary>
    /// Makes the journal's transaction the only one writing the change log, across every process on this database, until
    /// it ends. On PostgreSQL, sequences are taken in one order and may commit in another; one writer at a time means a
    /// reader that has seen sequence 11 can never later find a 10 committed behind its cursor. SQLite has one writer anyway.
    /// </summary>
    public async Task TakeJournalTurnAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        // Waiting longer than the busy timeout for the turn is a refusal (lock_timeout: SQLSTATE 55P03), as on SQLite.
        // Two integers of our own (SET takes no parameters), so there is nothing to inject.
        if (Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync(_takeTurn, cancellationToken);
    }

    /// <summary>
    /// How big the database is and how much room is left: the SQLite file (with its WAL) and its disk's free space; on
    /// PostgreSQL the database's size as the server counts it (its disk is the server's, not visible from here).
    /// </summary>
    public async Task<(long? Bytes, long? FreeDisk)> FootprintAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await using var connection = await _postgres!.OpenConnectionAsync(cancellationToken);
            await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return ((long)(await size.ExecuteScalarAsync(cancellationToken))!, null);
        }
        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (!File.Exists(path))
            return (null, null);
        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        return (bytes, new DriveInfo(Path.GetPathRoot(Path.GetFullPath(path))!).AvailableFreeSpace);
    }

    /// <summary>Applies checked-in migrations; on SQLite then switches the file to WAL (a persistent setting of the file).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await SourceRecordsUpgrade.RunAsync(db, cancellationToken);
    }

    /// <summary>A relative database path is taken from the app's content root, and its folder is created.</summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot, int busyTimeoutSeconds = 5)
    {
        // Beginning a transaction waits for a busy database as long as the connection's default timeout says.
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = busyTimeoutSeconds };
        if (builder.DataSource is not ("" or ":memory:") && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }

    public void Dispose() => _postgres?.Dispose();
}
