using Bunit;
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
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
    }

    protected DashboardFactory App { get; }

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
