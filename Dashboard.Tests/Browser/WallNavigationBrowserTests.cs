using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Access;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Moving from one wall to another inside the live page: the wall shown is the one asked for, if the screen may show it.</summary>
[Collection(BrowserCollection.Name)]
public class WallNavigationBrowserTests(BrowserFixture browser)
{
    private const string HostagesKilled = "[data-tally-key='hostages/killed/all/'] .wall-count";

    [BrowserFact]
    public async Task A_wall_token_for_one_incident_shows_no_other_wall_when_navigated_inside_the_page()
    {
        BrowserSkip.IfUnavailable();
        var own = await browser.App.CreateIncidentAsync();
        var (_, secret) = await browser.App.Services.GetRequiredService<CredentialStore>()
            .IssueAsync(CredentialKind.WallToken, "Embassy wall", new Actor("test admin", null), [own.Slug]);
        var wall = await browser.OpenAsync($"/wall/{own.Slug}?token={secret}", 1920, 1080);
        await Expect(wall.Locator("h1")).ToHaveTextAsync("Test incident");

        await wall.EvaluateAsync("() => Blazor.navigateTo('/wall/in-amenas')");

        await Expect(wall.GetByText("Not allowed")).ToBeVisibleAsync();
        Assert.DoesNotContain("In Amenas", await wall.Locator("body").InnerTextAsync());
        Assert.Equal(0, await wall.Locator(HostagesKilled).CountAsync());
        await wall.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Navigating_from_one_wall_to_another_inside_the_page_shows_the_second_incident()
    {
        BrowserSkip.IfUnavailable();
        var first = await browser.App.CreateIncidentAsync();
        var wall = await browser.OpenAsync($"/wall/{first.Slug}", 1920, 1080);
        await Expect(wall.Locator("h1")).ToHaveTextAsync("Test incident");

        await wall.EvaluateAsync("() => Blazor.navigateTo('/wall/in-amenas')");

        await Expect(wall.Locator("h1")).ToHaveTextAsync("In Amenas hostage crisis");
        await Expect(wall.Locator(HostagesKilled)).ToHaveTextAsync("23");
        await wall.Context.CloseAsync();
    }
}
