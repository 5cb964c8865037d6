using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// How often one address may try a secret outside the endpoints' own limiter: display tokens, presented on a wall's
/// address before anything is routed. The same allowance as sign-ins (<c>RateLimits:SignInsPerMinute</c>).
/// </summary>
public sealed class AttemptLimits(IOptions<RateLimitSettings> settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _tokens = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.Value.SignInsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public bool MayTryToken(HttpContext context, out TimeSpan retryAfter)
    {
        using var lease = _tokens.AttemptAcquire("token:" + context.Connection.RemoteIpAddress);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _tokens.Dispose();
}
