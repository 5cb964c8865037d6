using Dashboard.Situation.Live;
using Dashboard.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Operations;

/// <summary>Health endpoints for an orchestrator, and the online backup command.</summary>
public static class OperationsExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<PicturesHealthCheck>("pictures", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and its database does too (Degraded while a
    /// live picture is behind the change log).</summary>
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        // Open to the orchestrator and the proxy, which sign in as no one; they say only "healthy" or not.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The app's commands (<see cref="Commands"/>: create-admin, backup) run instead of the server. Returns true when a
    /// command was run.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (await Commands.RunAsync(app.Services, args, Console.Out, Console.Error) is not { } exitCode)
            return false;
        Environment.ExitCode = exitCode;
        return true;
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<DashboardDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var incidents = await db.Incidents.CountAsync(cancellationToken);
                return HealthCheckResult.Healthy($"Database answers ({incidents} incident(s)).");
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", e);
            }
        }
    }

    private sealed class PicturesHealthCheck(Situation.Live.LivePictures pictures) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var behind = pictures.Behind();
            return Task.FromResult(behind.Count == 0
                ? HealthCheckResult.Healthy("Every live picture is up to date with the change log.")
                : HealthCheckResult.Degraded("Behind the change log: " + string.Join("; ", behind.Select(lag =>
                    $"{lag.Incident} by {lag.Lag.TotalSeconds:0} s ({lag.FailuresInARow} failed pass(es) in a row)")) + "."));
        }
    }
}
