using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Dashboard";
    private const string DefaultConnectionString = "Data Source=App_Data/dashboard.db";

    public static IServiceCollection AddDashboardData(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseCommandCounter>();
        // Read when first needed, so hosts and tests can still change the configuration after registration.
        services.AddDbContextFactory<DashboardDbContext>((provider, options) =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            // How long a write waits for another process's lock before the API answers 503.
            var busyTimeout = configuration.GetValue("Database:BusyTimeoutSeconds", 5);
            options
                .UseSqlite(ResolveConnectionString(
                    configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString,
                    provider.GetRequiredService<IHostEnvironment>().ContentRootPath, busyTimeout), sqlite => sqlite.CommandTimeout(busyTimeout))
                .AddInterceptors(new SqlitePragmas(), provider.GetRequiredService<DatabaseCommandCounter>())
                // Any others a host registers (a test's fault injection, a tracer).
                .AddInterceptors(provider.GetServices<IInterceptor>());
        });
        return services;
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

    /// <summary>Applies checked-in migrations, then switches the database to WAL (a persistent setting of the file).</summary>
    public static async Task MigrateDashboardDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// Every connection waits for a busy database instead of failing, and syncs each commit to disk:
    /// in WAL mode synchronous=FULL is what makes an acknowledged write survive a power cut.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
