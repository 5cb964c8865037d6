using Bunit;
using Bunit.TestDoubles;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>Renders the app's components with its real situation service over a real SQLite database.</summary>
public abstract class SituationPageContext : BunitContext, IAsyncLifetime
{
    /// <summary>How long a page that reads the database as it loads and at each filter may take to show what it read
    /// (on PostgreSQL asynchronously, on a loaded CI machine): bUnit's one-second default is too short there.</summary>
    protected static readonly TimeSpan Loaded = TimeSpan.FromSeconds(10);

    /// <param name="clock">The pages' clock: the system's, or a fake one a spec moves on.</param>
    protected SituationPageContext(DashboardFactory app, TimeProvider? clock = null)
    {
        App = app;
        Services.AddSingleton(app.Situation);
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Observability.DashboardMetrics>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Observability.OperationsReadings>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Data.DashboardDatabase>());
        Services.AddSingleton(clock ?? TimeProvider.System);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Dashboard.Components.Wall.WallSettings()));
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Situation.Transfer.ReportImporter>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Access.AccountAdministration>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Access.CredentialStore>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Access.LiveActionGuard>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Alerts.AlertBoard>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Briefing.SitrepIssuer>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Briefing.IssuedSitreps>());
        Services.AddSingleton(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Dashboard.Alerts.AlertSettings>>());
        Services.AddScoped<Dashboard.Access.CircuitClient>();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Authorization = AddAuthorization();
        SignInAs(Dashboard.Access.Roles.Analyst);
        Dialogs = Render<MudDialogProvider>();
        Popovers = Render<MudPopoverProvider>();
    }

    protected DashboardFactory App { get; }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>
    /// Who is looking: a person with <paramref name="role"/> and the policies that role meets in the app
    /// (<c>AccessRequirement</c>; the real policies are enforced over HTTP in the access tests).
    /// </summary>
    protected void SignInAs(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}@example.org";
        // A real account behind the page, as in the app: every action taken in it is authorized against the account as
        // it is when the action is taken.
        var (id, stamp) = AccountOf(email, role);
        var identity = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value.ClaimsIdentity;
        Authorization.SetAuthorized(email);
        Authorization.SetRoles(role);
        Authorization.SetClaims(new System.Security.Claims.Claim(identity.UserIdClaimType, id), new System.Security.Claims.Claim(identity.SecurityStampClaimType, stamp));
        var policies = new List<string> { Dashboard.Access.AccessPolicies.ReadSituation, Dashboard.Access.AccessPolicies.ReadWall };
        if (Dashboard.Access.Roles.Writers.Contains(role))
            policies.Add(Dashboard.Access.AccessPolicies.Analyst);
        if (role == Dashboard.Access.Roles.Admin)
            policies.Add(Dashboard.Access.AccessPolicies.Admin);
        Authorization.SetPolicies([.. policies]);
    }

    /// <summary>The account of <paramref name="email"/> (made with <paramref name="role"/> the first time): its id and security stamp.</summary>
    protected (string Id, string Stamp) AccountOf(string email, string role)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
        if (users.FindByEmailAsync(email).GetAwaiter().GetResult() is null)
        {
            var made = App.Services.GetRequiredService<Dashboard.Access.AccountAdministration>().CreateAsync(email, role, TestWrites.Tester).GetAwaiter().GetResult();
            Assert.True(made.Succeeded || users.FindByEmailAsync(email).GetAwaiter().GetResult() is not null, string.Join(" ", made.Errors));
        }
        var user = users.FindByEmailAsync(email).GetAwaiter().GetResult()!;
        return (user.Id, users.GetSecurityStampAsync(user).GetAwaiter().GetResult());
    }

    /// <summary>Where MudBlazor shows menus and lists opened by the page (an autocomplete's choices).</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; }

    /// <summary>Where MudBlazor shows dialogs opened by the page.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    /// <summary>Renders <typeparamref name="TPage"/> as if the browser were at <paramref name="url"/> (query included).</summary>
    protected IRenderedComponent<TPage> RenderAt<TPage>(string url, Action<ComponentParameterCollectionBuilder<TPage>> parameters) where TPage : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render(parameters);
    }

    // A page's own loading bar (a panel's, shown until it is opened, is not the page loading).
    private static readonly string[] PageLoading = ["Loading the situation", "Loading the history", "Loading incidents"];

    /// <summary>
    /// Renders <typeparamref name="T"/> and waits until it has loaded what it shows, as a person waits for the loading
    /// bar to go: a real database answers asynchronously (PostgreSQL always; SQLite's driver happens not to).
    /// </summary>
    protected new IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        var rendered = base.Render(parameters ?? (_ => { }));
        rendered.WaitForState(() => !rendered.Markup.Contains("data-loading") && !PageLoading.Any(rendered.Markup.Contains),
            TimeSpan.FromSeconds(10));
        return rendered;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only dispose asynchronously.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
