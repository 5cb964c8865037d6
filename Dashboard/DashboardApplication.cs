using Dashboard.Access;
using Dashboard.Alerts;
using Dashboard.Api;
using Dashboard.Components;
using Dashboard.Data;
using Dashboard.Localization;
using Dashboard.Observability;
using Dashboard.Operations;
using Dashboard.Security;
using Dashboard.Security.Limits;
using Dashboard.Situation;
using Dashboard.Theme;
using MudBlazor.Services;

namespace Dashboard;

/// <summary>
/// The app's one composition root, in the manner of Aspire's service defaults: <see cref="AddDashboard"/> registers every
/// feature's services (each feature's own <c>Add…</c>, its settings bound and validated at start), and
/// <see cref="UseDashboard"/> lays out the request pipeline and maps every endpoint and page.
/// </summary>
public static class DashboardApplication
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Nothing tells a prober which server software answers.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Configuration.AddRepositorySettings();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddReaderLanguages();
        builder.Services.AddDashboardData();
        builder.Services.AddSituation(builder.Configuration);
        builder.Services.AddSituationApi();
        builder.Services.AddOptions<Briefing.SitrepSettings>().Bind(builder.Configuration.GetSection(Briefing.SitrepSettings.Section));
        builder.Services.AddLimits(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddDashboardAccess(builder.Configuration);
        builder.Services.AddOperations();
        builder.Services.AddObservability(builder.Configuration);
        // After the journal's: the start-up work writes the seed through it.
        builder.Services.AddHostedService<DashboardStartup>();
        // After the start-up work: the alerts' cursor starts at the end of the log as migrated and seeded.
        builder.Services.AddAlerts(builder.Configuration);
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseSecurityHeaders();
        app.UseClientErrors();
        app.UseAuthentication();
        app.UseReaderLanguages();
        app.UsePasswordChangeFirst();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseLimits();
        app.MapObservability();

        // The app's own scripts, styles and shapes: the sign-in form needs them before anyone has signed in.
        app.MapStaticAssets().AllowAnonymous();
        // The API's description follows Access:RequireSignIn like the situation it describes.
        app.MapOpenApi().RequireApiAccess(AccessPolicies.ReadApi);
        app.MapIncidentsApi();
        app.MapHeadlineHistoryApi();
        app.MapTransferApi();
        app.MapBriefingApi();
        app.MapSitrepsApi();
        app.MapSourceGradesApi();
        app.MapSubscriptionsApi();
        app.MapThemeSwitch();
        app.MapLanguageChoice();
        app.MapAccountEndpoints();
        app.MapOperations();
        // Pages declare their own access; the live connection's hub is for those who may read a situation or a wall.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().DeclareFrameworkAccess();
        return app;
    }
}
