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
    protected SituationPageContext(DashboardFactory app)
    {
        App = app;
        Services.AddSingleton(app.Situation);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Dashboard.Components.Wall.WallSettings()));
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Situation.Transfer.ReportImporter>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Access.AccountAdministration>());
        Services.AddSingleton(app.Services.GetRequiredService<Dashboard.Access.CredentialStore>());
        Services.AddScoped<Dashboard.Access.CircuitClient>();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Authorization = AddAuthorization();
        SignInAs(Dashboard.Access.Roles.Analyst);
        Dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
    }

    protected DashboardFactory App { get; }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>
    /// Who is looking: a person with <paramref name="role"/> and the policies that role meets in the app
    /// (<c>AccessRequirement</c>; the real policies are enforced over HTTP in the access tests).
    /// </summary>
    protected void SignInAs(string role)
    {
        Authorization.SetAuthorized($"{role.ToLowerInvariant()}@example.org");
        Authorization.SetRoles(role);
        var policies = new List<string> { Dashboard.Access.AccessPolicies.ReadSituation, Dashboard.Access.AccessPolicies.ReadWall };
        if (Dashboard.Access.Roles.Writers.Contains(role))
            policies.Add(Dashboard.Access.AccessPolicies.Analyst);
        if (role == Dashboard.Access.Roles.Admin)
            policies.Add(Dashboard.Access.AccessPolicies.Admin);
        Authorization.SetPolicies([.. policies]);
    }

    /// <summary>Where MudBlazor shows dialogs opened by the page.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    /// <summary>Renders <typeparamref name="TPage"/> as if the browser were at <paramref name="url"/> (query included).</summary>
    protected IRenderedComponent<TPage> RenderAt<TPage>(string url, Action<ComponentParameterCollectionBuilder<TPage>> parameters) where TPage : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render(parameters);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only dispose asynchronously.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
