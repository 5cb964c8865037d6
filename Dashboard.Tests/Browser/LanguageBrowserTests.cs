using Dashboard.Tests.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The reader's language in a real chromium: a Tokyo wall read across a room in Japanese at 4K, an Algiers desk's page and
/// wall right to left in Arabic, live updates in the page's language, and the picker. Each screen is also checked for
/// contrast and for nothing running off the screen, in its language. Screenshots go to TestResults/languages.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LanguageBrowserTests(BrowserFixture browser)
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "TestResults", "languages");

    // Anything past either edge: a right-to-left page overflows to the left.
    private const string OffScreen = """
        () => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1) && getComputedStyle(e).position !== 'fixed'; })
                .filter(e => !e.closest('.mud-overlay, .mud-popover, [data-scrolls-sideways], .wall-reconnecting-banner, [hidden]'))
                .filter(e => !(e.ownerSVGElement))   // inside a picture, clipped by it: the picture itself is checked
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`)
                .slice(0, 10);
        }
        """;

    private static async Task AssertReadableAndOnScreenAsync(IPage page, string what)
    {
        var lowContrast = await page.EvaluateAsync<string[]>(ContrastBrowserTests.LowContrastTexts);
        Assert.True(lowContrast.Length == 0, $"{what}: {lowContrast.Length} texts below AA:\n" + string.Join("\n", lowContrast.Distinct().Take(20)));
        var offScreen = await page.EvaluateAsync<string[]>(OffScreen);
        Assert.True(offScreen.Length == 0, $"{what}: off the screen:\n" + string.Join("\n", offScreen));
    }

    // The app's own font for a script was fetched and is in use: the wall reads the same on a machine without one.
    private static Task<bool> UsesOwnFontAsync(IPage page, string family) => page.EvaluateAsync<bool>(
        "async family => { await document.fonts.ready; return [...document.fonts].some(f => f.family.replaceAll('\"', '') === family && f.status === 'loaded'); }", family);

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name) });
    }

    [BrowserFact]
    public async Task A_tokyo_wall_reads_in_japanese_across_a_room_at_4k()
    {
        BrowserSkip.IfUnavailable();
        var wall = await browser.OpenAsync("/wall/in-amenas?lang=ja&theme=dark", 3840, 2160);

        Assert.Equal("ja", await wall.Locator("html").GetAttributeAsync("lang"));
        await Expect(wall.Locator(".wall-countries .wall-panel-title")).ToContainTextAsync("国籍別");
        await Expect(wall.Locator("[data-tally-key='hostages/killed/all/'] .wall-card-label")).ToHaveTextAsync("人質 死亡");
        await Expect(wall.Locator(".wall-countries tbody")).ToContainTextAsync("イギリス");
        await Expect(wall.Locator(".wall-timeline .wall-event-time").First).ToContainTextAsync("月");
        Assert.True(await UsesOwnFontAsync(wall, "Dashboard Japanese"), "the wall's Japanese is drawn in the app's own font");
        await AssertReadableAndOnScreenAsync(wall, "Japanese wall at 3840×2160");
        await ShootAsync(wall, "wall-ja-3840x2160.png");
        await wall.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_algiers_wall_reads_in_arabic_right_to_left()
    {
        BrowserSkip.IfUnavailable();
        var wall = await browser.OpenAsync("/wall/in-amenas?lang=ar&theme=dark", 1920, 1080);

        Assert.Equal("rtl", await wall.Locator("html").GetAttributeAsync("dir"));
        await Expect(wall.Locator("[data-tally-key='hostages/killed/all/'] .wall-card-label")).ToHaveTextAsync("الرهائن القتلى");
        // Mirrored: the incident's name starts at the right, the clock sits at the left.
        var title = (await wall.Locator(".wall-title h1").BoundingBoxAsync())!;
        var clock = (await wall.Locator(".wall-clock").BoundingBoxAsync())!;
        Assert.True(clock.X < title.X, $"the clock ({clock.X}) should be left of the title ({title.X}) right to left");
        // Numbers stay readable digits.
        await Expect(wall.Locator("[data-tally-key='hostages/killed/all/'] .wall-count")).ToHaveTextAsync("23");
        Assert.True(await UsesOwnFontAsync(wall, "Dashboard Arabic"), "the wall's Arabic is drawn in the app's own font");
        await AssertReadableAndOnScreenAsync(wall, "Arabic wall at 1920×1080");
        await ShootAsync(wall, "wall-ar-1920x1080.png");
        await wall.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_arabic_page_lays_out_right_to_left_and_a_live_change_arrives_in_arabic()
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        var writer = browser.App.CreateWriter();
        (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport(count: 4))).EnsureSuccessStatusCode();
        var page = await browser.OpenAsync($"/incidents/{incident.Slug}?lang=ar", 1920, 1080);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        var heading = (await page.Locator("h1").BoundingBoxAsync())!;
        Assert.True(heading.X + heading.Width > 1920 / 2, "the incident's name starts at the right");

        var later = ApiClient.ValidReport(count: 6);
        later["reportedAt"] = "2013-01-18T13:00:00+01:00";
        later["figures"]!.AsArray().Add(ApiClient.Figure(status: "freed", count: 2));
        (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", later)).EnsureSuccessStatusCode();

        // Drawn by the live connection, not the first page: its words are Arabic too.
        var freed = page.Locator("[data-tally-key='hostages/freed/all/']");
        await Expect(freed).ToContainTextAsync("الرهائن المحررون", new() { Timeout = 5000 });
        await Expect(page.Locator("[data-tally-key='hostages/killed/all/'] .tally-count")).ToHaveTextAsync("6");
        // Read once the cards have stopped flashing their change.
        await Expect(page.Locator(".tally-changed")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await AssertReadableAndOnScreenAsync(page, "Arabic situation page at 1920×1080");
        await ShootAsync(page, "page-ar-1920x1080.png");
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("/incidents/in-amenas", "fr", 1920, 1080)]
    [InlineData("/incidents/in-amenas", "ja", 1920, 1080)]
    [InlineData("/incidents/in-amenas", "fr", 390, 844)]
    [InlineData("/incidents/in-amenas", "ar", 390, 844)]
    [InlineData("/incidents/in-amenas/sitrep", "ar", 1280, 800)]
    [InlineData("/wall/in-amenas", "fr", 1920, 1080)]
    [InlineData("/wall/in-amenas", "ja", 1280, 720)]
    public async Task Every_screen_is_readable_and_on_the_screen_in_each_language(string path, string language, int width, int height)
    {
        BrowserSkip.IfUnavailable();
        IPage page;
        if (path.EndsWith("/sitrep", StringComparison.Ordinal))
        {
            // The report is a plain page, with no live connection to wait for.
            page = await (await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } })).NewPageAsync();
            await page.GotoAsync($"{path}?lang={language}");
        }
        else
            page = await browser.OpenAsync($"{path}?lang={language}&theme=light", width, height);
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        await AssertReadableAndOnScreenAsync(page, $"{path} in {language} at {width}×{height}");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_picker_keeps_the_chosen_language_for_the_next_pages()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas", 1280, 800);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

        await page.Locator(".language-picker summary").ClickAsync();
        await page.Locator(".language-picker-list button[value=fr]").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/incidents/in-amenas"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("#overall-heading")).ToHaveTextAsync("Chiffres principaux");
        await page.GotoAsync("/wall/in-amenas");
        await Expect(page.Locator(".wall-countries .wall-panel-title")).ToContainTextAsync("Par nationalité");
        await page.Context.CloseAsync();
    }
}
