using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>Debian's headless chromium as every browser benchmark launches it, and a page opened until it is live.</summary>
public static class BenchBrowser
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });

    /// <summary>A page in its own context at <paramref name="path"/>, returned once its circuit is connected.</summary>
    public static async Task<IPage> OpenLiveAsync(IBrowser browser, Uri address, string path, int width = 1280, int height = 800,
        bool reducedMotion = false, float timeoutMs = 30_000)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = address.ToString(), ViewportSize = new() { Width = width, Height = height },
            ReducedMotion = reducedMotion ? ReducedMotion.Reduce : null,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("#interactive-marker[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = timeoutMs });
        return page;
    }
}
