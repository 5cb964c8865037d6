using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>With sign-in required, a live connection opened without signing in cannot be steered onto a protected page.</summary>
[Collection(BrowserCollection.Name)]
public class AnonymousCircuitBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task An_anonymous_live_page_navigated_to_protected_pages_renders_none_of_them()
    {
        BrowserSkip.IfUnavailable();
        using var app = new DashboardFactory { Settings = new() { ["Access:RequireSignIn"] = "true" } };
        app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        var server = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // The not-found page is open to anyone and starts a live connection: the one way in for someone not signed in.
        var page = await browser.OpenAsync(server, "/no-such-page");

        foreach (var (path, secret) in new[] { ("/admin", "Audit log"), ("/incidents/in-amenas/history", "Retract"), ("/incidents/in-amenas", "Hostages killed") })
        {
            await page.EvaluateAsync($"() => Blazor.navigateTo('{path}')");
            // Navigating inside the live connection ends at the sign-in form, never on the page asked for.
            // Once the address is the sign-in page's (Commit): the form is then waited for, and a "load" event need not
            // come when Blazor's navigation reaches it without a full page load (a wait for it timed out once in a while).
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/sign-in", new() { Timeout = 15_000, WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByLabel("E-mail address")).ToBeVisibleAsync();
            Assert.DoesNotContain(secret, await page.ContentAsync());
            await page.GotoAsync("/no-such-page");
            await page.Locator("#interactive-marker[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        }
        await page.Context.CloseAsync();
    }
}
