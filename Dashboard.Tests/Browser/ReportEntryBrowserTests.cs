using Dashboard.Access;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>An Analyst signs in, enters a report in the form, and a colleague's open page shows it at once.</summary>
[Collection(BrowserCollection.Name)]
public class ReportEntryBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task A_report_entered_by_an_analyst_appears_on_a_viewers_open_page()
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        await browser.App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(23))]);
        var path = $"/incidents/{incident.Slug}";
        var viewer = await browser.OpenSignedInAsync(await browser.App.CreateAccountAsync(Roles.Viewer), path);
        var analyst = await browser.OpenSignedInAsync(await browser.App.CreateAccountAsync(Roles.Analyst), path);
        var viewersCount = viewer.Locator("[data-tally-key='hostages/killed/all/'] .tally-count");
        await Expect(viewersCount).ToHaveTextAsync("23");
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "New report" })).ToHaveCountAsync(0);

        await analyst.GetByRole(AriaRole.Button, new() { Name = "New report" }).ClickAsync();
        var form = analyst.Locator(".mud-dialog");
        await form.GetByLabel("Source", new() { Exact = true }).FillAsync("Press agency");
        await form.GetByLabel("Source", new() { Exact = true }).PressAsync("Tab");
        // A new source gets its kind on purpose: the form has no default.
        await form.GetByLabel("Kind of source").ClickAsync();
        await analyst.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "media" }).ClickAsync();
        await form.GetByLabel("Statement (the source's words)").FillAsync("Thirty-seven hostages are dead, the agency says.");
        await form.GetByLabel("Count", new() { Exact = true }).FillAsync("37");
        await form.GetByLabel("Count", new() { Exact = true }).PressAsync("Tab");
        await form.GetByLabel("Credibility of the information").ClickAsync();
        await analyst.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "2 · probably true" }).ClickAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(form.Locator(".report-preview")).ToContainTextAsync("moves from 23 to 37");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save report" }).ClickAsync();

        await Expect(viewersCount).ToHaveTextAsync("37", new() { Timeout = 5_000 });
        await Expect(viewer.Locator("[data-tally-key='hostages/killed/all/'] .source-grade")).ToHaveTextAsync("–2");
        await Expect(analyst.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var audit = (await browser.App.Situation.GetAuditAsync()).First(e => e.Incident == incident.Slug && e.Action == "report");
        Assert.StartsWith("analyst-", audit.Actor);
        Assert.Equal("127.0.0.1", audit.Address);
        await viewer.Context.CloseAsync();
        await analyst.Context.CloseAsync();
    }
}
