using System.Text.Json.Nodes;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>An issued report's stored page in a real chromium: on a phone and as the browser prints it.</summary>
[Collection(BrowserCollection.Name)]
public class IssuedSitrepBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task The_issued_page_fits_a_phone_and_prints_with_its_marking_at_top_and_foot()
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        await browser.App.Situation.SubmitAsync(incident,
        [
            Reports.Figures("2013-01-16T10:00:00+01:00", Reports.Press, Reports.HostagesKilled(3, Dashboard.Situation.Qualifier.AtLeast, "GB")),
            Reports.Figures("2013-01-16T11:00:00+01:00", Reports.Kidnappers, Reports.HostagesKilled(9, Dashboard.Situation.Qualifier.Claimed)),
        ]);
        var issued = await browser.App.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/sitreps",
            new JsonObject { ["summary"] = "At least three Britons dead; the kidnappers claim nine.", ["marking"] = "OFFICIAL" });
        issued.EnsureSuccessStatusCode();
        var analyst = await TestAccounts.CreateAccountAsync(browser.App, Dashboard.Access.Roles.Analyst);
        var list = await browser.OpenSignedInAsync(analyst, $"/incidents/{incident.Slug}/sitreps", 390, 844);
        await Expect(list.Locator(".issued-sitreps tr[data-number='1']")).ToContainTextAsync("At least three Britons dead");
        var overflowOfList = await list.EvaluateAsync<NarrowScreenBrowserTests.OverflowReport>(NarrowScreenBrowserTests.Overflow);
        Assert.True(overflowOfList.Scroll <= overflowOfList.Width, string.Join(", ", overflowOfList.Wide));

        await list.GotoAsync($"/incidents/{incident.Slug}/sitreps/1");
        await Expect(list.Locator(".sitrep-kind")).ToHaveTextAsync("SITUATION REPORT 1");
        await Expect(list.Locator(".sitrep-summary")).ToContainTextAsync("the kidnappers claim nine");
        var overflow = await list.EvaluateAsync<NarrowScreenBrowserTests.OverflowReport>(NarrowScreenBrowserTests.Overflow);
        Assert.True(overflow.Scroll <= overflow.Width, string.Join(", ", overflow.Wide));

        await list.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(list.Locator(".sitrep-marking")).ToHaveCountAsync(2);
        await Expect(list.Locator(".sitrep-marking").First).ToBeVisibleAsync();
        await Expect(list.Locator(".sitrep-claims")).ToContainTextAsync("9");
        Assert.Equal("visible", await list.Locator(".sitrep-table").First.EvaluateAsync<string>("e => getComputedStyle(e).overflowX"));
        await list.Context.CloseAsync();
    }
}
