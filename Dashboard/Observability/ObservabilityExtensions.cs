using Dashboard.Access;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Observability;

/// <summary>
/// Metrics and traces in one place, in the manner of .NET Aspire's service defaults: ASP.NET Core, Kestrel, rate
/// limiting, EF Core, Blazor's circuits and rendering, the runtime and the app's own <c>dashboard.</c> instruments;
/// Prometheus text at <c>/metrics</c>, and OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";
    public const string MetricsPublicSetting = "Observability:MetricsPublic";

    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Identity",
        "Microsoft.EntityFrameworkCore",
        // Not "Microsoft.AspNetCore.Components.Lifecycle": it times every component's parameters and every render's
        // diff, a few per cent of the server's CPU with thousands of screens open, for figures no one here reads.
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    public const string EnabledSetting = "Observability:Enabled";

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DashboardMetrics>();
        services.AddSingleton<WallConnections>();
        services.AddSingleton<OperationsReadings>();
        // Off only to measure what it costs (bench/run observability): instruments then record into nothing.
        if (!configuration.GetValue(EnabledSetting, true))
            return services;
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("situation-dashboard"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(FrameworkMeters)
                .AddMeter(DashboardMetrics.NameIn(configuration))
                // Each scrape reads the instruments as they are now (no cached answer): scrapes are rare, screens need truth.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        // The standard variable, as every OpenTelemetry SDK reads it: nothing leaves the process unless it is set. Traces
        // are only recorded then: with nowhere to go, recording one per request cost a fifth of the ingest rate.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation()
                    .AddSource(DashboardMetrics.ActivitySourceName, "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits"))
                .UseOtlpExporter();
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> for Admins and API keys (401/403 otherwise), or for anyone when
    /// <c>Observability:MetricsPublic</c> is true (a scraper on a private network). Declared on the endpoint, so every
    /// spelling of the path that routing takes to it (<c>/METRICS/</c>, <c>/metrics/.</c>) is asked the same.
    /// </summary>
    public static WebApplication MapObservability(this WebApplication app)
    {
        // Listening from the start, so the Operations panel's last hour is the app's last hour.
        app.Services.GetRequiredService<OperationsReadings>();
        if (!app.Configuration.GetValue(EnabledSetting, true))
            return app;
        var metrics = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (app.Configuration.GetValue(MetricsPublicSetting, false))
            metrics.AllowAnonymous();
        else
            metrics.RequireAuthorization(AccessPolicies.ReadMetrics).WithMetadata(ApiRefusal.Metrics);
        return app;
    }
}
