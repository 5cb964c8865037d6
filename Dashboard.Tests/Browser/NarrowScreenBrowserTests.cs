using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>A 390-px phone and a desktop at 200 % zoom (640 CSS pixels): no sideways scrolling, nothing cut off.</summary>
[Collection(BrowserCollection.Name)]
public class NarrowScreenBrowserTests(BrowserFixture browser)
{
    internal const string Overflow = """
        () => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed'; })
                .filter(e => !e.closest('.mud-overlay, .mud-popover, [data-scrolls-sideways]'))
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
            return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10) };
        }
        """;

    public sealed class OverflowReport
    {
        public int Scroll { get; set; }
        public int Width { get; set; }
        public string[] Wide { get; set; } = [];
    }

    [BrowserTheory]
    [InlineData(390, 844)]
    [InlineData(640, 400)]
    public async Task The_situation_page_and_the_history_fit_the_width_of_a_phone_and_of_a_zoomed_desktop(int width, int height)
    {
        BrowserSkip.IfUnavailable();
        var analyst = await TestAccounts.CreateAccountAsync(browser.App, Dashboard.Access.Roles.Analyst);
        foreach (var path in new[] { "/incidents/in-amenas", "/incidents/in-amenas/history" })
        {
            var page = await browser.OpenSignedInAsync(analyst, path, width, height);

            var report = await page.EvaluateAsync<OverflowReport>(Overflow);

            Assert.True(report.Scroll <= report.Width, $"{path} at {width}px scrolls sideways ({report.Scroll} > {report.Width}): {string.Join(", ", report.Wide)}");
            if (path.EndsWith("/history"))
            {
                var retract = page.GetByRole(AriaRole.Button, new() { Name = "Retract" }).First;
                await retract.ScrollIntoViewIfNeededAsync();
                await Assertions.Expect(retract).ToBeInViewportAsync();
            }
            else
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "In Amenas hostage crisis", Level = 1 })).ToBeInViewportAsync(new() { Ratio = 1 });
                // Freed and held, where the claims are, are on screen, not hidden past the table's edge.
                foreach (var column in new[] { "freed", "held" })
                {
                    var header = page.Locator(".country-grid thead th", new() { HasTextString = column }).First;
                    await header.ScrollIntoViewIfNeededAsync();
                    var box = await header.BoundingBoxAsync();
                    var grid = await page.Locator(".country-grid").BoundingBoxAsync();
                    Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width + 1,
                        $"'{column}' header at x={box?.X}..{box?.X + box?.Width}, table {grid?.X}..{grid?.X + grid?.Width}, window {width}");
                }
            }
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task On_a_phone_a_desks_figures_come_on_the_first_screen_before_the_filter_and_the_actions()
    {
        BrowserSkip.IfUnavailable();
        var analyst = await TestAccounts.CreateAccountAsync(browser.App, Dashboard.Access.Roles.Analyst);
        var page = await browser.OpenSignedInAsync(analyst, "/incidents/in-amenas?country=JP", 390, 844);

        var japan = await page.Locator("[data-tally-key='hostages/missing/JP/']").First.BoundingBoxAsync();
        var controls = await page.Locator(".controls-bar").BoundingBoxAsync();
        var actions = await page.GetByRole(AriaRole.Button, new() { Name = "New report" }).BoundingBoxAsync();
        await page.Context.CloseAsync();

        Assert.True(japan is not null && japan.Y + japan.Height <= 844, $"Japan's missing figure ends at y={japan?.Y + japan?.Height}, below the first screen (844)");
        Assert.True(japan.Y < controls!.Y && japan.Y < actions!.Y, $"Japan at y={japan.Y}, the filter at {controls!.Y}, the actions at {actions!.Y}");
    }

    [BrowserTheory]
    [InlineData(390, 844, false)]
    [InlineData(1280, 800, true)]
    public async Task On_a_phone_the_analysts_other_actions_sit_behind_one_menu(int width, int height, bool wide)
    {
        BrowserSkip.IfUnavailable();
        var analyst = await TestAccounts.CreateAccountAsync(browser.App, Dashboard.Access.Roles.Analyst);
        var page = await browser.OpenSignedInAsync(analyst, "/incidents/in-amenas", width, height);

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New report" })).ToBeVisibleAsync();
        var import = page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true });
        var more = page.GetByRole(AriaRole.Button, new() { Name = "More analyst actions" });
        if (wide)
        {
            await Expect(import).ToBeVisibleAsync();
            await Expect(more).ToBeHiddenAsync();
        }
        else
        {
            await Expect(import).ToBeHiddenAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToBeHiddenAsync();
            await more.ClickAsync();
            foreach (var action in new[] { "Import", "Export CSV", "Export JSON", "Grade sources", "Mark ended" })
                await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = action })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "Grade sources" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        }
        await page.Context.CloseAsync();
    }
}
