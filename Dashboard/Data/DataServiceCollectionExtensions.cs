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
/// Every SQLite connection waits for a busy database instead of failing, and syncs each commit to disk:
/// in WAL mode synchronous=FULL is what makes an acknowledged write survive a power cut.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
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
