using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The situation page in a real chromium: nationality filter in the URL, and live updates over the circuit.</summary>
[Collection(BrowserCollection.Name)]
public class SituationPageBrowserTests(BrowserFixture browser)
{
    private static ILocator Card(IPage page, string key) => page.Locator($"[data-tally-key='{key}']");

    [BrowserFact]
    public async Task Filtered_to_japan_the_page_shows_japans_ten_missing_and_not_the_norwegian_release()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas?country=JP");

        await Expect(Card(page, "hostages/missing/JP/").Locator(".tally-count")).ToHaveTextAsync("10");
        await Expect(page.Locator("#timeline-heading")).ToBeVisibleAsync();
        await Expect(page.GetByText("Japan's prime minister: 10 Japanese workers remain missing")).ToBeVisibleAsync();
        await Expect(page.GetByText("Oddvar Birkedal", new() { Exact = false })).ToHaveCountAsync(0);
        await Expect(Card(page, "hostages/freed/NO/")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Changing_the_filter_changes_the_url_and_survives_a_reload()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas?country=JP");

        await page.Locator(".nationality-filter [data-country=NO]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"country=JP(%2C|,)NO"));
        await Expect(Card(page, "hostages/freed/NO/")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.Locator("#interactive-marker[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(Card(page, "hostages/freed/NO/")).ToBeVisibleAsync();
        await Expect(Card(page, "hostages/missing/JP/")).ToBeVisibleAsync();
        await Expect(page.GetByText("A Norwegian hostage is freed", new() { Exact = false })).ToBeVisibleAsync();

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"country=JP$"));
        await Expect(Card(page, "hostages/freed/NO/")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_report_posted_through_the_api_appears_on_the_open_page_without_a_reload()
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        var writer = browser.App.CreateWriter();
        (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport(count: 4))).EnsureSuccessStatusCode();
        var page = await browser.OpenAsync($"/incidents/{incident.Slug}");
        await Expect(Card(page, "hostages/killed/all/").Locator(".tally-count")).ToHaveTextAsync("4");
        await page.EvaluateAsync("() => window.notReloaded = true");

        var report = ApiClient.ValidReport(count: 11);
        report["reportedAt"] = "2013-01-18T13:00:00+01:00";
        (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).EnsureSuccessStatusCode();

        await Expect(Card(page, "hostages/killed/all/").Locator(".tally-count")).ToHaveTextAsync("11", new() { Timeout = 5000 });
        await Expect(Card(page, "hostages/killed/all/")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("tally-changed"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Script_and_markup_in_a_report_are_shown_as_text_never_run()
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        const string hostile = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script><b>bold</b>";
        var report = ApiClient.ValidReport(count: 3);
        report["statement"] = hostile;
        report["event"] = new System.Text.Json.Nodes.JsonObject
        {
            ["at"] = "2013-01-18T12:00:00+01:00", ["title"] = hostile, ["countries"] = new System.Text.Json.Nodes.JsonArray("GB"),
        };
        (await browser.App.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).EnsureSuccessStatusCode();

        var analyst = await browser.App.CreateAccountAsync(Dashboard.Access.Roles.Analyst);
        foreach (var path in new[] { $"/incidents/{incident.Slug}", $"/incidents/{incident.Slug}/history", $"/wall/{incident.Slug}" })
        {
            var page = await browser.OpenSignedInAsync(analyst, path);
            await Expect(page.GetByText("<script>window.__xss=2</script>", new() { Exact = false }).First).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
            Assert.Equal(0, await page.Locator("main b, .wall-root b, section b").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
            await page.Context.CloseAsync();
        }
    }
}
