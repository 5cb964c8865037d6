using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The app keeps its own content security policy: nothing on its pages is refused by it.</summary>
[Collection(BrowserCollection.Name)]
public class ContentSecurityBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task No_page_breaks_the_app_s_own_policy_and_the_report_s_print_button_prints()
    {
        BrowserSkip.IfUnavailable();
        var page = await browser.OpenAsync("/incidents/in-amenas");
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") refused.Add(message.Text); };
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GotoAsync("/incidents/in-amenas/sitrep", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GotoAsync("/wall/in-amenas", new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.True(refused.Count == 0, "Console errors: " + string.Join(" | ", refused));

        await page.GotoAsync("/incidents/in-amenas/sitrep", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.EvaluateAsync("() => { window.print = () => { window.__printed = true; }; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Print or save as PDF" }).ClickAsync();
        await Expect(page.Locator("body")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__printed === true"));
        Assert.True(refused.Count == 0, "Console errors: " + string.Join(" | ", refused));
        await page.Context.CloseAsync();
    }
}
