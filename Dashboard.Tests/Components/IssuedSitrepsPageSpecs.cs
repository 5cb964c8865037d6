using Bunit;
using Dashboard.Access;
using Dashboard.Components.Briefing;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The issued reports page as a duty officer uses it: key points, a marking, issue; a demoted one issues nothing.</summary>
[Collection(SharedAppCollection.Name)]
public class IssuedSitrepsPageSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private IRenderedComponent<IssuedSitrepsPage> Open(Incident incident) =>
        RenderAt<IssuedSitrepsPage>($"/incidents/{incident.Slug}/sitreps", p => p.Add(x => x.Slug, incident.Slug));

    [Fact]
    public async Task An_analyst_writes_key_points_picks_a_marking_and_issues_sitrep_1_signed_with_their_name()
    {
        var analyst = $"duty-{Guid.NewGuid():N}"[..14] + "@example.org";
        SignInAs(Roles.Analyst, analyst);
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-16T10:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]);
        var page = Open(incident);

        page.Find(".issue-sitrep textarea").Change("Three hostages are dead.");
        await page.InvokeAsync(() => page.FindAll(".issue-sitrep button").Single(b => b.TextContent.Trim() == "Issue SITREP 1").Click());

        page.WaitForAssertion(() => Assert.Contains("SITREP 1", page.Find(".issued-sitreps tr[data-number='1']").TextContent), Loaded);
        var row = page.Find(".issued-sitreps tr[data-number='1']").TextContent;
        Assert.Contains(analyst, row);
        Assert.Contains("Three hostages are dead.", row);
        Assert.Contains("Issue SITREP 2", page.Find(".issue-sitrep h2").TextContent);
        var audit = await App.Situation.GetAuditAsync(new AuditFilter(analyst, "issue sitrep", null), 5);
        Assert.Single(audit);
    }

    [Fact]
    public async Task Without_key_points_it_says_so_under_the_field_and_issues_nothing()
    {
        var incident = await App.CreateIncidentAsync();
        var page = Open(incident);

        await page.InvokeAsync(() => page.FindAll(".issue-sitrep button").Single(b => b.TextContent.Trim() == "Issue SITREP 1").Click());

        page.WaitForAssertion(() => Assert.Contains("Required", page.Find(".issue-sitrep").TextContent), Loaded);
        Assert.Empty(page.FindAll(".issued-sitreps"));
    }

    [Fact]
    public async Task A_demoted_analyst_s_open_page_issues_nothing_and_goes_to_sign_in()
    {
        var analyst = $"demoted-{Guid.NewGuid():N}"[..16] + "@example.org";
        SignInAs(Roles.Analyst, analyst);
        var incident = await App.CreateIncidentAsync();
        var page = Open(incident);
        page.Find(".issue-sitrep textarea").Change("Should never be issued.");

        var accounts = App.Services.GetRequiredService<AccountAdministration>();
        var account = (await accounts.ListAsync()).Single(a => a.Email == analyst);
        await App.CreateAccountAsync(Roles.Admin);
        Assert.True((await accounts.SetRoleAsync(account.Id, Roles.Viewer, new Actor("other-admin@example.org", "127.0.0.1"))).Succeeded);
        await page.InvokeAsync(() => page.FindAll(".issue-sitrep button").Single(b => b.TextContent.Trim() == "Issue SITREP 1").Click());

        page.WaitForAssertion(() => Assert.EndsWith(CircuitClient.SignInAgain, Services.GetRequiredService<NavigationManager>().Uri), Loaded);
        Assert.Empty(await App.Services.GetRequiredService<Dashboard.Briefing.IssuedSitreps>().ListAsync(incident));
    }
}
