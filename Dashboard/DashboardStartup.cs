using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Data.Seed;
using Dashboard.Situation;
using Microsoft.AspNetCore.Identity;

namespace Dashboard;

/// <summary>
/// The app's start-up work, as the host starts, before any other service starts or the first request is taken: the
/// database brought up to date, cookie keys moved in, roles made, rows of imports that never finished removed, the
/// bundled incidents seeded (written through the
/// journal, which starts before it); once started, every incident's picture is loaded in the background so the first
/// screen to open does not wait for it.
/// </summary>
public sealed class DashboardStartup(IServiceProvider services, ILogger<DashboardStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await services.MigrateDashboardDatabaseAsync();
        if (await CookieKeys.ImportEarlierKeysAsync(services) is > 0 and var imported)
            logger.LogInformation("Moved {Count} cookie key(s) from files into the database", imported);
        await using (var scope = services.CreateAsyncScope())
            await AccountAdministration.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await services.GetRequiredService<ChangeJournal>().RemoveAbandonedImportsAsync(cancellationToken);
        await services.GetRequiredService<IncidentSeeder>().SeedAsync();
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _ = WarmUpAsync(services.GetRequiredService<SituationService>());
        return Task.CompletedTask;
    }

    private async Task WarmUpAsync(SituationService situation)
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

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
