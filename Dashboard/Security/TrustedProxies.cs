using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dashboard.Security;

/// <summary>
/// Behind a reverse proxy, the client's address and scheme come from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>,
/// believed only from the proxies named in <c>Proxy:KnownProxies</c> (addresses) or <c>Proxy:KnownNetworks</c> (CIDR):
/// rate limits and the audit log then see the client, and nobody else can choose what address they are recorded under.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Proxy";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only those configured: the framework's default trusts loopback, which is every local process.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies has '{proxy}', which is not an IP address."));
            foreach (var network in networks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks has '{network}', which is not a CIDR network."));
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the client; nothing at all when no proxy is configured.</summary>
    public static IApplicationBuilder UseTrustedProxies(this WebApplication app)
    {
        var section = app.Configuration.GetSection(Section);
        if (section.GetSection("KnownProxies").GetChildren().Any() || section.GetSection("KnownNetworks").GetChildren().Any())
            app.UseForwardedHeaders();
        return app;
    }
}
