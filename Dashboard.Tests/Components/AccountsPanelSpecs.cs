using Bunit;
using Dashboard.Access;
using Dashboard.Components.Admin;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components;

/// <summary>The Admin's account form: a new account starts as a Viewer every time, and a role change asks first.</summary>
[Collection(SharedAppCollection.Name)]
public class AccountsPanelSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private IRenderedComponent<AccountsPanel> OpenPanel()
    {
        SignInAs(Roles.Admin);
        return Render<AccountsPanel>();
    }

    [Fact]
    public void After_creating_an_analyst_the_form_is_back_at_viewer_and_says_what_it_made()
    {
        var panel = OpenPanel();
        var email = $"made-{Guid.NewGuid():N}"[..16] + "@example.org";

        panel.Find("input[type=email]").Change(email);
        var picker = panel.FindComponent<MudSelect<string>>();
        picker.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(Roles.Analyst));
        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Create account").Click();

        panel.WaitForAssertion(() => Assert.Contains($"Created {email} as Analyst.", panel.Find(".account-done").TextContent));
        Assert.Equal(Roles.Viewer, panel.FindComponent<MudSelect<string>>().Instance.Value);
        Assert.Equal(Roles.Analyst, panel.Find($"tr[data-account='{email}'] select").GetAttribute("value"));
    }

    [Fact]
    public async Task A_role_change_asks_first_and_cancelling_changes_nothing()
    {
        var account = await App.CreateAccountAsync(Roles.Viewer);
        var panel = OpenPanel();

        panel.Find($"tr[data-account='{account.Email}'] select").Change(Roles.Admin);
        Dialogs.WaitForAssertion(() => Assert.Contains($"Make {account.Email} an Admin (now Viewer)?", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        panel.WaitForAssertion(() => Assert.Equal(Roles.Viewer, panel.Find($"tr[data-account='{account.Email}'] select").GetAttribute("value")));
        Assert.Equal(Roles.Viewer, (await App.Services.GetRequiredService<AccountAdministration>().ListAsync()).Single(a => a.Email == account.Email).Role);
    }
}
