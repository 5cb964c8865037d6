using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Keyboard only: every control the Tab key reaches shows where the focus is.</summary>
[Collection(BrowserCollection.Name)]
public class KeyboardBrowserTests(BrowserFixture browser)
{
    private const string FocusRing = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
            return { label: (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 40), ring };
        }
        """;

    [BrowserFact]
    public async Task Every_control_reached_by_tab_on_the_situation_page_shows_a_focus_ring()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas");
        // The router moves focus to the page's heading once the page is live (a heading, not a control); a Tab
        // pressed before that lands would be undone by it, so the walk starts from there.
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'");
        var unringed = new List<string>();
        var reached = 0;

        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<FocusState?>(FocusRing);
            if (focused is null)
                continue;
            reached++;
            if (!focused.Ring)
                unringed.Add(focused.Label);
        }

        Assert.True(reached >= 15, $"Only {reached} controls were reached by Tab.");
        Assert.True(unringed.Count == 0, "No visible focus on: " + string.Join(" | ", unringed));
        await page.Context.CloseAsync();
    }

    public sealed class FocusState
    {
        public string Label { get; set; } = "";
        public bool Ring { get; set; }
    }
}
