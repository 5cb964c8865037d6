using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class HomePageBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task The_home_page_lists_the_seeded_incident_in_a_real_browser()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/");

        var link = page.GetByRole(AriaRole.Link, new() { Name = "In Amenas hostage crisis" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        Assert.Equal("incidents/in-amenas", await link.GetAttributeAsync("href"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incidents", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
