using Dashboard.Situation.Live;
using Dashboard.Data.Postgres;
using Dashboard.Api;
using Dashboard.Data;
using Dashboard.Data.Seed;

namespace Dashboard.Situation;

public static class SituationServiceCollectionExtensions
{
    public static IServiceCollection AddSituation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<InProcessChangeSignal>();
        services.AddSingleton<PostgresChangeSignal>();
        // Between instances only on a shared PostgreSQL database; an embedded SQLite file has one process.
        services.AddSingleton<IChangeSignal>(provider => provider.GetRequiredService<DashboardDatabase>().Provider == DatabaseProvider.Postgres
            ? provider.GetRequiredService<PostgresChangeSignal>()
            : provider.GetRequiredService<InProcessChangeSignal>());
        services.AddSingleton<PostgresChangeListener>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresChangeListener>());
        services.AddSingleton<ChangeJournal>();
        services.AddSingleton<ChangeLog>();
        services.AddSingleton<PictureLoading>();
        services.AddSingleton<PastViews>();
        services.AddSingleton<SituationNotifications>();
        services.AddSingleton<IncidentCatalogue>();
        services.AddSingleton<LivePictures>();
        services.AddOptions<LiveSettings>().BindConfiguration(LiveSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PictureWatch>();
        services.AddHostedService(provider => provider.GetRequiredService<PictureWatch>());
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<SituationService>();
        services.AddSingleton<IncidentSeeder>();
        services.AddSingleton<Transfer.ReportImporter>();
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.Configure<Ingestion.IngestRules>(configuration.GetSection(Ingestion.IngestRules.Section));
        services.Configure<Components.Wall.WallSettings>(configuration.GetSection(Components.Wall.WallSettings.Section));
        return services;
    }

    /// <summary>Brings the database up to date and seeds the bundled incidents before the app takes requests.</summary>
    public static async Task PrepareSituationAsync(this WebApplication app)
    {
        await app.Services.MigrateDashboardDatabaseAsync();
        if (await CookieKeys.ImportEarlierKeysAsync(app.Services) is > 0 and var imported)
            app.Logger.LogInformation("Moved {Count} cookie key(s) from files into the database", imported);
        await using (var scope = app.Services.CreateAsyncScope())
            await Access.AccountAdministration.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>());
        await app.Services.GetRequiredService<IncidentSeeder>().SeedAsync();
        _ = WarmUpAsync(app.Services.GetRequiredService<SituationService>(), app.Logger);
    }

    // Loads every incident's picture in the background, so the first screen to open does not wait for it.
    private static async Task WarmUpAsync(SituationService situation, ILogger logger)
    {
        try
        {
            foreach (var incident in await situation.GetIncidentsAsync())
                await situation.GetSituationAsync(incident.Slug);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Warming up the situation cache failed; it will load on first use");
        }
    }
}
