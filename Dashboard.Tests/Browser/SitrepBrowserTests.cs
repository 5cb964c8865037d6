using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The situation report opened from the page, and what the browser's print makes of it.</summary>
[Collection(BrowserCollection.Name)]
public class SitrepBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task The_page_opens_the_report_of_its_moment_and_nationalities_which_prints_clean()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas?asOf=2013-01-18T23:00:00%2B01:00&country=GB,JP");
        var link = page.Locator("a.sitrep-link");
        Assert.Equal("incidents/in-amenas/sitrep?asOf=2013-01-18T23%3A00%3A00%2B01%3A00&country=GB,JP", await link.GetAttributeAsync("href"));

        var sitrep = await page.Context.NewPageAsync();
        await sitrep.GotoAsync(browser.BaseAddress + (await link.GetAttributeAsync("href"))!);
        await sitrep.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(sitrep.Locator(".sitrep-asof")).ToContainTextAsync("Friday 18 January 2013, 23:00");
        await Expect(sitrep.Locator(".no-print")).ToBeHiddenAsync();
        Assert.Equal(0, await sitrep.Locator(".mud-appbar, header.mud-appbar, nav").CountAsync());
        var colours = await sitrep.Locator(".sitrep").EvaluateAsync<string[]>("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]");
        Assert.Equal(["rgb(255, 255, 255)", "rgb(17, 17, 17)"], colours);
        Assert.Equal("avoid", await sitrep.Locator(".sitrep-tallies tr").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
        await page.Context.CloseAsync();
    }
}
