using System.Net;
using System.Net.Sockets;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The wall in a real chromium: it follows writes, and comes back by itself when the server restarts.</summary>
[Collection(BrowserCollection.Name)]
public class WallBrowserTests(BrowserFixture browser)
{
    private const string HostagesKilled = "[data-tally-key='hostages/killed/all/'] .wall-count";

    [BrowserFact]
    public async Task A_report_posted_through_the_api_reaches_the_wall_without_a_reload()
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        var writer = browser.App.CreateWriter();
        (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport(count: 4))).EnsureSuccessStatusCode();
        var wall = await browser.OpenAsync($"/wall/{incident.Slug}", 1920, 1080);
        await Expect(wall.Locator(HostagesKilled)).ToHaveTextAsync("4");
        await wall.EvaluateAsync("() => window.notReloaded = true");

        var report = ApiClient.ValidReport(count: 6);
        report["reportedAt"] = "2013-01-18T13:00:00+01:00";
        (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).EnsureSuccessStatusCode();

        await Expect(wall.Locator(HostagesKilled)).ToHaveTextAsync("6", new() { Timeout = 5000 });
        Assert.True(await wall.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await wall.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task After_the_server_stops_and_starts_again_the_wall_comes_back_to_live_numbers_by_itself()
    {
        BrowserSkip.IfUnavailable();
        var database = Path.Combine(Path.GetTempPath(), $"dashboard-wall-restart-{Guid.NewGuid():N}.db");
        // Port 0: the first server takes whatever port is free; the second comes back on that same one, as a restart would.
        var first = StartOn(0, database);
        var port = new Uri(first.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var address = new Uri($"http://127.0.0.1:{port}/");
        var wall = await browser.OpenAsync(address, "/wall/in-amenas", 1920, 1080);
        await Expect(wall.Locator(HostagesKilled)).ToHaveTextAsync("23");

        await first.DisposeAsync();
        await Expect(wall.Locator(".wall-reconnecting-banner")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // The badge itself stops claiming the numbers are current.
        await Expect(wall.Locator(".wall-mode")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^OFFLINE since \d\d:\d\d$"), new() { UseInnerText = true });
        using var second = StartOn(port, database, keep: false);
        var report = ApiClient.ValidReport(count: 24);
        report["reportedAt"] = "2013-01-20T10:00:00+01:00";
        (await second.CreateWriter().PostJsonAsync("/api/incidents/in-amenas/reports", report)).EnsureSuccessStatusCode();

        await Expect(wall.Locator(HostagesKilled)).ToHaveTextAsync("24", new() { Timeout = 30_000 });
        await Expect(wall.Locator(".wall-reconnecting-banner")).ToBeHiddenAsync();
        await Expect(wall.Locator(".wall-mode")).Not.ToContainTextAsync("OFFLINE", new() { UseInnerText = true });
        await wall.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(false, @"^STALE since (Sat|Sun) \d{1,2} Jan 2013, \d\d:\d\d$")]
    [InlineData(true, @"^ENDED Sat 19 Jan, 13:00$")]
    public async Task The_stale_or_ended_badge_reads_across_a_room_at_1080p_and_at_4k(bool ended, string reads)
    {
        BrowserSkip.IfUnavailable();
        var slug = "in-amenas";
        if (ended)
        {
            var incident = await browser.App.CreateIncidentAsync();
            await browser.App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(23))]);
            await browser.App.Situation.EndIncidentAsync(incident, DateTimeOffset.Parse("2013-01-19T13:00:00+01:00"), Actor.Seed);
            slug = incident.Slug;
        }
        var sizes = new List<double>();
        foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160) })
        {
            var wall = await browser.OpenAsync($"/wall/{slug}", width, height);
            var badge = wall.Locator(".wall-mode");
            await Expect(badge).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(reads), new() { UseInnerText = true });
            // Large type, growing with the screen: headings grow half as fast as the screen past 1080p (so a 4K wall shows
            // more rows), still far above the 48 px that any text gets at 4K.
            sizes.Add(await badge.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)"));
            var box = (await badge.BoundingBoxAsync())!;
            Assert.True(box.Y + box.Height <= height && box.X + box.Width <= width, $"the badge is off screen at {width}×{height}");
            await wall.Context.CloseAsync();
        }
        Assert.True(sizes[0] >= 28, $"badge text is {sizes[0]} px at 1080p");
        Assert.InRange(sizes[1] / sizes[0], 1.4, 1.6);
        Assert.True(sizes[1] >= 48, $"badge text is {sizes[1]} px at 4K");
    }

    private static DashboardFactory StartOn(int port, string database, bool keep = true)
    {
        var app = new DashboardFactory { DatabasePath = database, KeepDatabase = keep };
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.StartServer();
        Assert.Contains(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses, a => port == 0 || a.EndsWith($":{port}"));
        return app;
    }
}
