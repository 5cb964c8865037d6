using System.Net;
using System.Net.Sockets;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Instances;

/// <summary>
/// Two instances on one PostgreSQL database in a real browser: a page on one follows writes through the other. And the
/// deployment of deploy/: nginx with the shipped site file in front of them. Pages, the API and the wall work through
/// it; the audit log sees the client, not nginx; a wall whose instance goes away comes back live on the other.
/// </summary>
[Collection(BrowserCollection.Name)]
public class NginxTests(BrowserFixture browser)
{
    private static readonly Dictionary<string, string> BehindNginx = new() { ["Proxy:KnownProxies:0"] = "127.0.0.1" };

    // A client on another loopback address than nginx's, so "the client's address" and "nginx's" differ.
    private static HttpClient ClientFrom(string address, NginxProxy nginx) => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = nginx.Trusts },
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = nginx.Address };

    [SkippableFact]
    public async Task Through_nginx_pages_and_the_api_work_and_the_audit_log_records_the_client_not_nginx()
    {
        using var database = new SharedDatabase();
        NginxProxy.SkipUnlessInstalled();
        var (a, addressA) = database.StartListeningInstance(BehindNginx);
        var (_, addressB) = database.StartListeningInstance(BehindNginx);
        using var nginx = new NginxProxy(addressA, addressB);
        var slug = (await a.CreateIncidentAsync()).Slug;
        using var client = ClientFrom("127.0.0.2", nginx);
        client.DefaultRequestHeaders.Add("X-Api-Key", DashboardFactory.ApiKey);

        var page = await client.GetAsync("/incidents/in-amenas");
        var write = await client.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("through-nginx"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("In Amenas", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        var entry = Assert.Single(await a.Situation.GetAuditAsync(new AuditFilter(null, null, "through-nginx")));
        Assert.Equal("127.0.0.2", entry.Address);
    }

    [SkippableFact]
    public async Task A_report_written_through_one_instance_shows_on_a_page_open_on_the_other_without_a_reload()
    {
        BrowserSkip.IfUnavailable();
        using var database = new SharedDatabase();
        var (a, _) = database.StartListeningInstance();
        var (b, addressB) = database.StartListeningInstance();
        var incident = await a.CreateIncidentAsync();
        await a.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-16T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(7))]);

        var page = await browser.OpenAsync(addressB, $"/incidents/{incident.Slug}");
        var killed = page.Locator("[data-tally-key='hostages/killed/all/'] .tally-count");
        await Expect(killed).ToHaveTextAsync("7");
        var loads = await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length");
        var report = ApiClient.ValidReport("through-a", count: 9);
        report["reportedAt"] = "2013-01-17T12:00:00+01:00";
        Assert.Equal(HttpStatusCode.Created, (await a.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).StatusCode);

        await Expect(killed).ToHaveTextAsync("9", new() { Timeout = 5_000 });
        Assert.Equal(loads, await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_wall_whose_instance_goes_away_comes_back_live_through_nginx_on_the_other()
    {
        BrowserSkip.IfUnavailable();
        using var database = new SharedDatabase();
        NginxProxy.SkipUnlessInstalled();
        var (a, addressA) = database.StartListeningInstance(BehindNginx);
        var (b, addressB) = database.StartListeningInstance(BehindNginx);
        using var nginx = new NginxProxy(addressA, addressB);
        var incident = await a.CreateIncidentAsync();
        await a.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-16T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(7))]);

        try
        {
            await WallComesBackAsync(nginx, a, b, incident);
        }
        catch (Exception e) when (e is not SkipException)
        {
            // What nginx saw is half the story of a failed failover.
            throw new Xunit.Sdk.XunitException($"{e.Message}\nnginx error log:\n{nginx.ErrorLog}");
        }
    }

    private async Task WallComesBackAsync(NginxProxy nginx, DashboardFactory a, DashboardFactory b, Situation.Incident incident)
    {
        var wall = await browser.OpenAsync(nginx.Address, $"/wall/{incident.Slug}", trustAnyCertificate: true);
        var killed = wall.Locator("[data-tally-key='hostages/killed/all/'] .wall-count");
        await Expect(killed).ToHaveTextAsync("7");
        // The circuit follows the incident once it is interactive; which instance holds it is nginx's choice.
        Assert.True(await SharedDatabase.EventuallyAsync(() => Task.FromResult(
            a.Situation.SubscriberCount(incident.Slug) + b.Situation.SubscriberCount(incident.Slug) > 0)), "neither instance holds the wall's circuit");
        var (holder, survivor) = a.Situation.SubscriberCount(incident.Slug) > 0 ? (a, b) : (b, a);

        holder.Dispose();
        await survivor.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-17T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(9))]);

        await Expect(killed).ToHaveTextAsync("9", new() { Timeout = 30_000 });
        // Connected again (the 2013 reports make it STALE, which is right; it must not say OFFLINE).
        await Expect(wall.Locator("[data-live-badge]")).Not.ToContainTextAsync("OFFLINE", new() { UseInnerText = true });
        // A reloaded wall shows its numbers before its circuit starts; live means the survivor holds the circuit.
        Assert.True(await SharedDatabase.EventuallyAsync(() => Task.FromResult(survivor.Situation.SubscriberCount(incident.Slug) > 0)),
            "the wall shows the number but no circuit on the surviving instance follows the incident");
        await wall.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Over_https_nginx_says_hsts_the_cookies_are_secure_and_plain_http_only_redirects()
    {
        using var database = new SharedDatabase();
        NginxProxy.SkipUnlessInstalled();
        var signInRequired = new Dictionary<string, string>(BehindNginx) { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "1000" };
        var (a, addressA) = database.StartListeningInstance(signInRequired);
        using var nginx = new NginxProxy(addressA);
        var account = await a.CreateAccountAsync(Dashboard.Access.Roles.Viewer);
        using var https = nginx.Client(followRedirects: false);
        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = nginx.PlainAddress };

        var form = await https.GetAsync("/account/sign-in");
        var signedIn = await https.PostSignInFormAsync(account.Email, account.Password);
        var inTheClear = await plain.GetAsync("/account/sign-in?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")));
        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")).ToArray();
        Assert.Contains(cookies, c => c.StartsWith("Dashboard.Identity=", StringComparison.Ordinal));
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.MovedPermanently, inTheClear.StatusCode);
        Assert.Equal("https", inTheClear.Headers.Location!.Scheme);
        Assert.EndsWith("/account/sign-in?returnUrl=%2F", inTheClear.Headers.Location.ToString());
    }
}
