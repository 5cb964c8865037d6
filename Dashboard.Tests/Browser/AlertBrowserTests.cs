using Dashboard.Access;
using Dashboard.Alerts;
using Dashboard.Situation;
using Dashboard.Tests.Alerts;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>A desk officer's page alerts in a real browser: a banner and a chime, kept through a reload until acknowledged.</summary>
[Collection(BrowserCollection.Name)]
public class AlertBrowserTests(BrowserFixture browser)
{
    private static string Killed(string country) => $"{Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)}, {Terms.ScopeWords(country, "DZ")}";

    private async Task<(TestAccount Analyst, string Slug)> SubscribedAnalystAsync(string country)
    {
        var analyst = await browser.App.CreateAccountAsync(Roles.Analyst);
        var slug = (await browser.App.CreateIncidentAsync()).Slug;
        var made = await browser.App.Services.GetRequiredService<AlertSubscriptions>().CreateAsync(
            new SubscriptionSubmission(slug, [country], [], [], [], "page", null, null, null),
            new Subscriber(analyst.Email, IsPerson: true, IsAdmin: false), new Actor(analyst.Email, null));
        Assert.NotNull(made.Made);
        return (analyst, slug);
    }

    [BrowserFact]
    public async Task A_page_alert_chimes_stays_through_a_reload_and_goes_when_acknowledged_and_the_acknowledgement_is_kept()
    {
        BrowserSkip.IfUnavailable();
        var (analyst, slug) = await SubscribedAnalystAsync("GB");
        var page = await browser.OpenSignedInAsync(analyst, "/");
        var banner = page.Locator(".alert-banner");

        await browser.App.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("GB", 4)));

        await Expect(banner).ToContainTextAsync($"{Killed("GB")} new → 4", new() { Timeout = 10_000 });
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-alert-chimes", "1");
        await page.ReloadAsync();
        await page.Locator("#interactive-marker[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(banner).ToContainTextAsync($"{Killed("GB")} new → 4");

        await banner.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(banner).ToHaveCountAsync(0);
        await page.GotoAsync("/alerts");
        await Expect(page.Locator(".delivery-table")).ToContainTextAsync($"by {analyst.Email}");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_muted_browser_shows_the_banner_without_a_chime()
    {
        BrowserSkip.IfUnavailable();
        var (analyst, slug) = await SubscribedAnalystAsync("JP");
        var page = await browser.OpenSignedInAsync(analyst, "/");
        await browser.App.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("JP", 1)));
        var banner = page.Locator(".alert-banner");
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await banner.GetByRole(AriaRole.Button, new() { Name = "Mute sound" }).ClickAsync();
        await Expect(banner.Locator("[data-alert-mute]")).ToHaveAttributeAsync("aria-pressed", "true");
        await browser.App.PostReportAsync(slug, AlertTestData.Killed($"{slug}-2", "2013-01-17T11:00:00+01:00", ("JP", 2)));

        await Expect(banner).ToContainTextAsync("2 alerts to acknowledge", new() { Timeout = 10_000 });
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-alert-chimes", "1"); // the first only
        await Expect(banner.GetByRole(AriaRole.Button, new() { Name = "Unmute sound" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task On_a_phone_the_alerts_page_fits_and_a_desk_subscribes_its_pages_to_a_nationality()
    {
        BrowserSkip.IfUnavailable();
        var analyst = await browser.App.CreateAccountAsync(Roles.Analyst);
        var page = await browser.OpenSignedInAsync(analyst, "/alerts", 390, 844);

        await page.GetByLabel("Nationalities (e.g. GB, JP; empty: all)").FillAsync("JP, XX");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.GetByText("'XX' is not an ISO 3166-1 alpha-2 country code.")).ToBeVisibleAsync();
        await page.GetByLabel("Nationalities (e.g. GB, JP; empty: all)").FillAsync("JP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await Expect(page.Locator(".subscriptions-table")).ToContainTextAsync("every incident; JP; all groups");
        var report = await page.EvaluateAsync<NarrowScreenBrowserTests.OverflowReport>(NarrowScreenBrowserTests.Overflow);
        Assert.True(report.Scroll <= report.Width, $"scrolls sideways: {string.Join(", ", report.Wide)}");
        await page.Context.CloseAsync();
    }
}
