using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The app on a real port on 127.0.0.1 and one headless Debian chromium driven by Playwright, shared by the browser
/// tests, which run one at a time (the machine has two cores).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;

    // Browser tests sign in many times from one address within a minute; the per-address limit is tested on its own.
    public DashboardFactory App { get; } = new() { Settings = { ["RateLimits:SignInsPerMinute"] = "1000" } };
    public IBrowser? Browser { get; private set; }
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        File.Exists(ChromiumPath) ? null : $"no Chromium at {ChromiumPath}: install Debian's chromium package (.ci/run does)";

    /// <summary>CI sets this so that a missing browser fails the run instead of skipping.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_BROWSER") == "1";

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
            return;
        App.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new page in its own context, navigated to <paramref name="path"/> and live (circuit connected).</summary>
    public Task<IPage> OpenAsync(string path, int width = 1280, int height = 800) => OpenAsync(BaseAddress, path, width, height);

    /// <summary>
    /// The same, on another server (a test that stops and starts its own); <paramref name="trustAnyCertificate"/> for one
    /// behind a proxy whose certificate the test made itself.
    /// </summary>
    public async Task<IPage> OpenAsync(Uri server, string path, int width = 1280, int height = 800, bool trustAnyCertificate = false)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IgnoreHTTPSErrors = trustAnyCertificate,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("#interactive-marker[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        return page;
    }

    /// <summary>A new browser context that signs in through the sign-in form, then lands on <paramref name="path"/>, live.</summary>
    public async Task<IPage> OpenSignedInAsync(TestAccount account, string path, int width = 1280, int height = 800)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(path)}");
        await page.GetByLabel("E-mail address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Wait for the address only: the page's own load is awaited through the circuit's marker below, and a load event
        // held up by a busy machine must not fail the sign-in.
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery.StartsWith(path.Split('?')[0], StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#interactive-marker[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>Skips a browser test where no Chromium is installed, unless CI requires the browser.</summary>
public sealed class BrowserFactAttribute : SkippableFactAttribute;

public sealed class BrowserTheoryAttribute : SkippableTheoryAttribute;

public static class BrowserSkip
{
    public static void IfUnavailable()
    {
        if (BrowserFixture.Unavailable is { } reason)
        {
            Assert.False(BrowserFixture.Required, $"Browser tests are required here but cannot run: {reason}");
            Skip.If(true, $"Browser test skipped: {reason}");
        }
    }
}
