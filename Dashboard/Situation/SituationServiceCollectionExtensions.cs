using Dashboard.Api;
using Dashboard.Data;
using Dashboard.Data.Seed;

namespace Dashboard.Situation;

public static class SituationServiceCollectionExtensions
{
    public static IServiceCollection AddSituation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ReportJournal>();
        services.AddSingleton<SituationService>();
        services.AddSingleton<IncidentSeeder>();
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        return services;
    }

    /// <summary>Brings the database up to date and seeds the bundled incidents before the app takes requests.</summary>
    public static async Task PrepareSituationAsync(this WebApplication app)
    {
        await app.Services.MigrateDashboardDatabaseAsync();
        await app.Services.GetRequiredService<IncidentSeeder>().SeedAsync();
    }
}
