using System.Text.RegularExpressions;
using Dashboard.Access;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>An Admin watching the Operations panel sees reports arrive without reloading.</summary>
[Collection(BrowserCollection.Name)]
public class OperationsBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task The_operations_panel_counts_a_report_written_while_it_is_open()
    {
        BrowserSkip.IfUnavailable();
        var admin = await browser.App.CreateAccountAsync(Roles.Admin);
        var page = await browser.OpenSignedInAsync(admin, "/admin");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Operations" }).ClickAsync();
        var lastHour = page.Locator(".ops-reports");
        await Expect(lastHour).ToContainTextAsync("in the last hour");
        var before = int.Parse(Regex.Match(await lastHour.InnerTextAsync(), @"(\d+) in the last hour").Groups[1].Value);

        var incident = await browser.App.CreateIncidentAsync();
        (await browser.App.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport())).EnsureSuccessStatusCode();

        await Expect(lastHour).ToContainTextAsync($"{before + 1} in the last hour", new() { Timeout = 10_000 });
        await page.Context.CloseAsync();
    }
}
