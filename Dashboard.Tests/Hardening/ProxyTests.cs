using System.Net;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Hardening;

/// <summary>
/// Behind nginx every connection comes from the proxy. The client's address (for rate limits and the audit log) is taken
/// from X-Forwarded-For only when the connection comes from a proxy named in Proxy:KnownProxies; anyone else could
/// otherwise write any address they liked into the audit log.
/// </summary>
public class ProxyTests
{
    private const string Nginx = "10.0.0.5";
    private const string Client = "203.0.113.7";

    private static async Task<string?> AuditedAddressAsync(DashboardFactory app, string from, string forwardedFor)
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();
        writer.DefaultRequestHeaders.Add(DashboardFactory.AddressHeader, from);
        writer.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        writer.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var id = $"via-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport(id))).StatusCode);
        return Assert.Single(await app.Situation.GetAuditAsync(new AuditFilter(null, null, id))).Address;
    }

    [Fact]
    public async Task A_known_proxy_passes_on_the_clients_address_to_the_audit_log()
    {
        using var app = new DashboardFactory { Settings = { ["Proxy:KnownProxies:0"] = Nginx } };

        Assert.Equal(Client, await AuditedAddressAsync(app, from: Nginx, forwardedFor: Client));
    }

    [Fact]
    public async Task Anyone_else_claiming_a_forwarded_address_is_recorded_as_themselves()
    {
        using var app = new DashboardFactory { Settings = { ["Proxy:KnownProxies:0"] = Nginx } };

        Assert.Equal("198.51.100.1", await AuditedAddressAsync(app, from: "198.51.100.1", forwardedFor: Client));
    }

    [Fact]
    public async Task With_no_proxy_configured_forwarded_headers_are_ignored()
    {
        using var app = new DashboardFactory();

        Assert.Equal(Nginx, await AuditedAddressAsync(app, from: Nginx, forwardedFor: Client));
    }
}
