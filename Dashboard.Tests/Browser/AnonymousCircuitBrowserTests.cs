using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>With sign-in required, a visitor who has not signed in opens no live connection at all.</summary>
[Collection(BrowserCollection.Name)]
public class AnonymousCircuitBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task An_anonymous_visitor_on_the_not_found_page_holds_no_live_connection_and_cannot_reach_a_protected_page()
    {
        BrowserSkip.IfUnavailable();
        using var app = new DashboardFactory { Settings = new() { ["Access:RequireSignIn"] = "true" } };
        app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        var server = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString() });
        var page = await context.NewPageAsync();
        var hubRequests = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/_blazor", StringComparison.Ordinal)) hubRequests.Add(request.Url); };

        await page.GotoAsync("/no-such-page", new() { WaitUntil = WaitUntilState.NetworkIdle });

        await Assertions.Expect(page.GetByText("Not Found").First).ToBeVisibleAsync();
        Assert.Equal("false", await page.Locator("#interactive-marker").GetAttributeAsync("data-interactive"));
        Assert.Empty(hubRequests);
        // The script is there, but with nothing live on the page it has no connection to steer.
        await page.EvaluateAsync("() => Blazor.navigateTo('/admin')");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        Assert.DoesNotContain("Audit log", await page.ContentAsync());
        await context.CloseAsync();
    }
}
