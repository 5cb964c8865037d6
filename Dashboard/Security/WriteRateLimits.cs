using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Dashboard.Security;

public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Writes one client (an API key, or an address without one) may make per window.</summary>
    public int WritesPerSecond { get; set; } = 10_000;

    /// <summary>Sign-ins, and display tokens tried, one address may make per minute.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>The window the write limit counts over: a second, unless set otherwise (a test's hour, so no edge is crossed).</summary>
    public double WindowSeconds { get; set; } = 1;
}

/// <summary>Limits writes per client so one runaway script cannot starve the others: 429 with Retry-After.</summary>
public static class WriteRateLimits
{
    public const string Policy = "writes";

    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitSettings>(configuration.GetSection(RateLimitSettings.Section));
        services.AddSingleton<AttemptLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<RateLimitSettings>>().CurrentValue;
                return RateLimitPartition.GetFixedWindowLimiter(ClientOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, settings.WritesPerSecond), Window = TimeSpan.FromSeconds(Math.Max(0.001, settings.WindowSeconds)), QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var signingIn = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName
                    == Access.AccessServiceCollectionExtensions.SignInRateLimit;
                rejected.HttpContext.RequestServices.GetRequiredService<Observability.DashboardMetrics>().RateLimited(signingIn ? "sign-in" : "writes");
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    title: signingIn ? "Too many sign-in attempts" : "Too many writes",
                    detail: signingIn
                        ? $"Too many sign-in attempts from this address; try again in {seconds} s."
                        : $"This client is over its write limit; try again in {seconds} s.").ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    // By API key when one is presented (hashed: the key itself is never kept), else by address.
    private static string ClientOf(HttpContext context)
    {
        var key = context.Request.Headers[Api.ApiKeys.HeaderName].ToString();
        return key.Length > 0
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]
            : "ip:" + context.Connection.RemoteIpAddress;
    }
}
