using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardData(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseCommandCounter>();
        services.AddOptions<DatabaseSettings>().BindConfiguration(DatabaseSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        // Made when first needed, so hosts and tests can still change the configuration after registration.
        services.AddSingleton<DashboardDatabase>();
        services.AddSingleton<IDbContextFactory<DashboardDbContext>>(provider => provider.GetRequiredService<DashboardDatabase>());
        services.AddScoped(provider => provider.GetRequiredService<DashboardDatabase>().CreateDbContext());
        services.AddCookieKeys();
        return services;
    }

    /// <summary>Applies checked-in migrations for the provider in use.</summary>
    public static Task MigrateDashboardDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<DashboardDatabase>().MigrateAsync(cancellationToken);
}

/// <summary>
/// Every SQLite connection syncs each commit to disk (in WAL mode synchronous=FULL is what makes an acknowledged write
/// survive a power cut) and waits for a busy database in SQLite's own handler, which tries again within milliseconds,
/// for up to the busy timeout. Without it Microsoft.Data.Sqlite sleeps 150 ms between tries, holding its thread.
/// </summary>
internal sealed class SqlitePragmas(int busyTimeoutSeconds) : DbConnectionInterceptor
{
    private readonly string _pragmas = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyTimeoutSeconds * 1000};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
