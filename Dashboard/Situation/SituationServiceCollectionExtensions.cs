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
        services.AddSingleton<ChangeJournal>();
        // First of the hosted services: every other may write as it starts.
        services.AddHostedService(provider => provider.GetRequiredService<ChangeJournal>());
        services.AddSingleton<PostgresChangeListener>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresChangeListener>());
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
}
