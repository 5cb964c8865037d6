using Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The world map in a real chromium: a second way into the analyst's main task, by mouse and by keyboard.</summary>
[Collection(BrowserCollection.Name)]
public class MapBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Clicking_the_united_kingdom_filters_the_page_to_it_and_keyboard_focus_names_a_country()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas", 1600, 1000);
        await Expect(page.Locator(".world-map a[data-country=GB]")).ToBeVisibleAsync();

        var japan = page.Locator(".world-map a[data-country=JP]");
        await japan.FocusAsync();
        await Expect(japan.Locator(".map-tip")).ToBeVisibleAsync();
        await Expect(japan.Locator(".map-tip")).ToHaveTextAsync("Japan: 10 missing, 1 (claimed) still held");

        await page.Locator(".world-map a[data-country=GB] path").ClickAsync(new() { Force = true });

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/incidents/in-amenas\?country=GB$"));
        await Expect(page.Locator(".world-map .map-country")).ToHaveCountAsync(1);
        await Expect(page.Locator(".country-grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator(".country-grid tbody tr")).ToContainTextAsync("United Kingdom");
        await page.Context.CloseAsync();
    }
}
