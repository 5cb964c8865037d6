using Dashboard;
using Dashboard.Access;
using Dashboard.Api;
using Dashboard.Components;
using Dashboard.Data;
using Dashboard.Observability;
using Dashboard.Operations;
using Dashboard.Security;
using Dashboard.Security.Limits;
using Dashboard.Situation;
using Dashboard.Theme;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
// Nothing tells a prober which server software answers.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Configuration.AddRepositorySettings();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddDashboardData();
builder.Services.AddSituation(builder.Configuration);
builder.Services.AddSituationApi();
builder.Services.AddLimits(builder.Configuration);
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddDashboardAccess(builder.Configuration);
builder.Services.AddOperations();
builder.Services.AddObservability(builder.Configuration);

var app = builder.Build();
if (await app.RunCommandAsync(args))
    return;
await app.PrepareSituationAsync();

app.UseTrustedProxies();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseSecurityHeaders();
app.UseClientErrors();
app.UseAuthentication();
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
app.MapTransferApi();
app.MapBriefingApi();
app.MapSourceGradesApi();
app.MapThemeSwitch();
app.MapAccountEndpoints();
app.MapOperations();
// Pages declare their own access; the live connection's hub is for those who may read a situation or a wall.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().DeclareFrameworkAccess();

app.Run();

public partial class Program;
