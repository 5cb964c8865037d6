using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>WCAG 2.2 AA contrast for every piece of text on the screens a crisis room reads, in both themes.</summary>
[Collection(BrowserCollection.Name)]
public class ContrastBrowserTests(BrowserFixture browser)
{
    // Text over a plain background, worked out from computed styles: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
    internal const string LowContrastTexts = """
        () => {
            const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
            const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
            const blend = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
            const background = e => {
                const layers = [];
                for (let n = e; n; n = n.parentElement) {
                    const s = getComputedStyle(n);
                    if (s.backgroundImage && s.backgroundImage !== 'none') return null;   // a pattern: not judged here
                    const c = parse(s.backgroundColor);
                    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
                }
                let result = { r: 255, g: 255, b: 255, a: 1 };
                for (const c of layers.reverse()) result = blend(c, result);
                return result;
            };
            const failures = [];
            for (const e of document.querySelectorAll('body *')) {
                const own = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(' ');
                if (!own) continue;
                const s = getComputedStyle(e);
                if (s.visibility === 'hidden' || s.display === 'none' || e.getClientRects().length === 0 || parseFloat(s.opacity) < 0.99) continue;
                const fg = parse(e instanceof SVGElement ? s.fill : s.color), bg = background(e);   // SVG text is painted by its fill
                if (!fg || !bg) continue;
                const [a, b] = [lum(blend(fg, bg)), lum(bg)];
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
                const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                if (ratio < needed) failures.push(`${ratio.toFixed(2)}:1 (needs ${needed}) "${own.slice(0, 40)}" ${s.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)})`);
            }
            return failures;
        }
        """;

    [BrowserTheory]
    [InlineData("/incidents/in-amenas", "dark")]
    [InlineData("/incidents/in-amenas", "light")]
    [InlineData("/wall/in-amenas", "dark")]
    [InlineData("/wall/in-amenas", "light")]
    public async Task Every_text_meets_wcag_aa_contrast(string path, string theme)
    {
        BrowserSkip.IfUnavailable();
        await AssertAllTextReadableAsync(await browser.OpenAsync($"{path}?theme={theme}", 1600, 1000), path, theme);
    }

    [BrowserTheory]
    [InlineData("incidents", "dark")]
    [InlineData("incidents", "light")]
    [InlineData("wall", "dark")]
    [InlineData("wall", "light")]
    public async Task Every_text_of_an_ended_incident_meets_wcag_aa_contrast(string screen, string theme)
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        await browser.App.Situation.SubmitAsync(incident,
        [
            Infrastructure.Reports.Figures("2013-01-16T15:00:00+01:00", Infrastructure.Reports.Kidnappers,
                new Dashboard.Situation.Figure(Dashboard.Situation.FigureGroup.Hostages, Dashboard.Situation.FigureStatus.Held, Dashboard.Situation.Scopes.All, null, 7, Dashboard.Situation.Qualifier.Claimed)),
            Infrastructure.Reports.Figures("2013-01-19T20:00:00+01:00", Infrastructure.Reports.Ministry, Infrastructure.Reports.HostagesKilled(23)),
        ]);
        await browser.App.Situation.EndIncidentAsync(incident, DateTimeOffset.Parse("2013-01-19T13:00:00+01:00"), Dashboard.Situation.Actor.Seed);
        var path = $"/{screen}/{incident.Slug}";

        await AssertAllTextReadableAsync(await browser.OpenAsync($"{path}?theme={theme}", 1600, 1000), path, theme);
    }

    [BrowserTheory]
    [InlineData("/incidents/in-amenas?overTime=open&theme=dark", null)]
    [InlineData("/incidents/in-amenas?overTime=open&theme=light", null)]
    [InlineData("/incidents/in-amenas/sitrep?", null)]
    [InlineData("/wall/in-amenas?rotate=5&theme=dark", "OverTime")]
    [InlineData("/wall/in-amenas?rotate=5&theme=light", "Map")]
    public async Task Every_text_of_the_charts_and_the_map_meets_wcag_aa_contrast(string address, string? wallView)
    {
        BrowserSkip.IfUnavailable();
        IPage page;
        if (address.Contains("/sitrep"))
        {
            // The report is a plain page, with no live circuit to wait for.
            page = await (await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
            await page.GotoAsync(address);
        }
        else
            page = await browser.OpenAsync(address, 1600, 1000);
        if (wallView is not null)
            await Microsoft.Playwright.Assertions.Expect(page.Locator($".wall-root[data-view={wallView}] svg").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        else
            await Microsoft.Playwright.Assertions.Expect(page.Locator(".world-map svg").First).ToBeVisibleAsync();
        await AssertAllTextReadableAsync(page, address, "as addressed");
    }

    private static async Task AssertAllTextReadableAsync(IPage page, string path, string theme)
    {
        var failures = await page.EvaluateAsync<string[]>(LowContrastTexts);

        Assert.True(failures.Length == 0, $"{failures.Length} texts below AA on {path} ({theme}):\n" + string.Join("\n", failures.Distinct().Take(25)));
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("/incidents/in-amenas/history", "dark")]
    [InlineData("/incidents/in-amenas/history", "light")]
    [InlineData("/admin", "dark")]
    [InlineData("/admin", "light")]
    [InlineData("/alerts", "dark")]
    [InlineData("/alerts", "light")]
    [InlineData("/alerts/log", "dark")]
    public async Task Every_text_on_the_analyst_and_admin_screens_meets_wcag_aa_contrast(string path, string theme)
    {
        BrowserSkip.IfUnavailable();
        var admin = await Infrastructure.TestAccounts.CreateAccountAsync(browser.App, Dashboard.Access.Roles.Admin);
        await AssertAllTextReadableAsync(await browser.OpenSignedInAsync(admin, $"{path}?theme={theme}", 1600, 1000), path, theme);
    }
}
