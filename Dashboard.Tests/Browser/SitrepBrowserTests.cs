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

    [BrowserFact]
    public async Task A_handover_shows_the_changes_since_friday_night_on_the_page_and_in_the_report_with_its_pdf()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas");

        await page.GetByRole(AriaRole.Button, new() { Name = "Changes since…" }).ClickAsync();
        await page.Locator("#changes-since-moment").FillAsync("2013-01-18T23:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show changes" }).ClickAsync();

        var moved = page.Locator("[data-changes='headlines'] li");
        await Expect(moved.Filter(new() { HasText = "Hostages killed — in all: 12 (provisional" })).ToContainTextAsync("→ 23 (Algerian interior ministry");
        var report = page.GetByRole(AriaRole.Link, new() { Name = "as a situation report" });
        var sitrep = await page.Context.NewPageAsync();
        await sitrep.GotoAsync(browser.BaseAddress + (await report.GetAttributeAsync("href"))!);

        await Expect(sitrep.Locator(".changes-since h2")).ToContainTextAsync("Changes from Friday 18 January 2013, 23:00");
        var pdfHref = await sitrep.GetByRole(AriaRole.Link, new() { Name = "download the PDF" }).GetAttributeAsync("href");
        Assert.Contains("since=2013-01-18T23%3A00%3A00%2B01%3A00", pdfHref);
        var pdf = await sitrep.Context.APIRequest.GetAsync(browser.BaseAddress + pdfHref);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await page.Context.CloseAsync();
    }
}
