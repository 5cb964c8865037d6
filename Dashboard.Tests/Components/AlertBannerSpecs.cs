using Bunit;
using Dashboard.Access;
using Dashboard.Alerts;
using Dashboard.Components.Alerts;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The page alert banner as its person sees it: their alert, its sound control, and acknowledging it as they are now.</summary>
[Collection(SharedAppCollection.Name)]
public class AlertBannerSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private async Task<(string Email, Incident Incident)> SubscribedAsync(string role)
    {
        var email = $"desk-{Guid.NewGuid():N}"[..16] + "@example.org";
        SignInAs(role, email);
        var incident = await App.CreateIncidentAsync();
        var made = await App.Services.GetRequiredService<AlertSubscriptions>().CreateAsync(
            new SubscriptionSubmission(incident.Slug, ["NO"], [], [], [], "page", null, null, null), new Subscriber(email, true, false), new Actor(email, null));
        Assert.NotNull(made.Made);
        return (email, incident);
    }

    private Task WriteAsync(Incident incident, int count) =>
        App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(count, scope: "NO"))]);

    [Fact]
    public async Task The_person_sees_their_alert_with_a_mute_control_and_acknowledging_it_takes_it_away_and_keeps_who_and_when()
    {
        var (email, incident) = await SubscribedAsync(Roles.Analyst);
        var banner = Render<AlertBanner>();
        Assert.Empty(banner.FindAll(".alert-banner"));

        await WriteAsync(incident, 5);

        banner.WaitForAssertion(() => Assert.Contains($"{Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)}, {Terms.ScopeWords("NO", "DZ")} new → 5",
            banner.Find(".alert-banner").TextContent), Loaded);
        Assert.Equal("1 alert to acknowledge", banner.Find(".alert-banner-head strong").TextContent);
        Assert.NotNull(banner.Find("[data-alert-mute]"));
        var id = banner.Find("[data-alert]").GetAttribute("data-alert")!;

        await banner.Find($"[data-alert='{id}'] button").ClickAsync(new());

        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll(".alert-banner")), Loaded);
        var logged = (await App.Services.GetRequiredService<AlertLog>().RecentAsync(email)).Single(d => d.Id == id);
        Assert.Equal(email, logged.AcknowledgedBy);
        Assert.NotNull(logged.AcknowledgedAt);
    }

    [Fact]
    public async Task A_person_demoted_since_the_page_opened_acknowledges_nothing_and_is_sent_to_sign_in()
    {
        var (email, incident) = await SubscribedAsync(Roles.Analyst);
        var banner = Render<AlertBanner>();
        await WriteAsync(incident, 6);
        banner.WaitForAssertion(() => Assert.NotNull(banner.Find(".alert-banner")), Loaded);
        var accounts = App.Services.GetRequiredService<AccountAdministration>();
        var account = (await accounts.ListAsync()).Single(a => a.Email == email);
        Assert.True((await accounts.SetRoleAsync(account.Id, Roles.Viewer, new Actor("other-admin@example.org", null))).Succeeded);

        await banner.Find("[data-alert] button").ClickAsync(new());

        banner.WaitForAssertion(() => Assert.EndsWith(CircuitClient.SignInAgain, Services.GetRequiredService<NavigationManager>().Uri), Loaded);
        Assert.Null((await App.Services.GetRequiredService<AlertLog>().RecentAsync(email)).Single().AcknowledgedBy);
    }
}
