using Bunit;
using Dashboard.Access;
using Dashboard.Components.Admin;
using Dashboard.Components.ReportEntry;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>
/// An action taken in a live page is authorized when it is taken, against the account as it is then: a dialog left open
/// by someone since demoted changes nothing, is recorded as no one's, and the page goes to sign in again.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class LiveActionSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private static readonly Actor OtherAdmin = new("other-admin@example.org", "127.0.0.1");

    private async Task DemoteAsync(string email, string role)
    {
        var accounts = App.Services.GetRequiredService<AccountAdministration>();
        var account = (await accounts.ListAsync()).Single(a => a.Email == email);
        Assert.True((await accounts.SetRoleAsync(account.Id, role, OtherAdmin)).Succeeded);
    }

    [Fact]
    public async Task A_demoted_admin_s_open_confirmation_makes_no_one_an_admin_and_the_page_goes_to_sign_in()
    {
        var admin = $"admin-{Guid.NewGuid():N}"[..16] + "@example.org";
        var kate = await App.CreateAccountAsync(Roles.Viewer);
        await App.CreateAccountAsync(Roles.Admin); // the one who demotes: the only Admin cannot be demoted
        SignInAs(Roles.Admin, admin);
        var panel = Render<AccountsPanel>();
        panel.Find($"tr[data-account='{kate.Email}'] select").Change(Roles.Admin);
        Dialogs.WaitForAssertion(() => Assert.Contains($"Make {kate.Email} an Admin", Dialogs.Markup));

        await DemoteAsync(admin, Roles.Viewer);
        await Dialogs.InvokeAsync(() => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Make Admin").Click());

        var navigation = Services.GetRequiredService<NavigationManager>();
        panel.WaitForAssertion(() => Assert.EndsWith(CircuitClient.SignInAgain, navigation.Uri));
        var accounts = await App.Services.GetRequiredService<AccountAdministration>().ListAsync();
        Assert.Equal(Roles.Viewer, accounts.Single(a => a.Email == kate.Email).Role);
        var audit = await App.Situation.GetAuditAsync(new AuditFilter(null, null, kate.Email), 20);
        Assert.DoesNotContain(audit, a => a.Actor == admin || a.Actor == "anonymous");
    }

    [Fact]
    public async Task A_demoted_analyst_s_open_end_dialog_leaves_the_incident_going_on()
    {
        var analyst = $"analyst-{Guid.NewGuid():N}"[..18] + "@example.org";
        SignInAs(Roles.Analyst, analyst);
        var incident = await App.CreateIncidentAsync();
        var dialog = Render<EndIncidentDialogHost>(p => p.Add(x => x.Incident, incident));
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("input")));
        Dialogs.Find("input").Change("2013-01-19T13:00:00+01:00");

        await DemoteAsync(analyst, Roles.Viewer);
        await Dialogs.InvokeAsync(() => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Mark ended").Click());

        Dialogs.WaitForAssertion(() => Assert.EndsWith(CircuitClient.SignInAgain, Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Null((await App.Situation.FindIncidentAsync(incident.Slug))!.EndedAt);
        Assert.DoesNotContain(await App.Situation.GetAuditAsync(new AuditFilter(null, "end incident", incident.Slug), 5), a => true);
    }

    /// <summary>Opens the end dialog as the situation page does.</summary>
    public sealed class EndIncidentDialogHost : ComponentBase
    {
        [Inject] private MudBlazor.IDialogService Dialogs { get; set; } = null!;
        [Parameter] public Incident Incident { get; set; } = null!;

        protected override Task OnAfterRenderAsync(bool firstRender) => firstRender
            ? Dialogs.ShowAsync<EndIncidentDialog>("Mark ended", new MudBlazor.DialogParameters<EndIncidentDialog> { { d => d.Incident, Incident } })
            : Task.CompletedTask;
    }
}
