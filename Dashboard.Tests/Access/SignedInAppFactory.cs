using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Access;

/// <summary>The app as deployed: the situation needs sign-in (Access:RequireSignIn), sign-ins limited per minute.</summary>
public sealed class SignedInAppFactory : DashboardFactory
{
    public SignedInAppFactory() => Settings = new() { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "1000" };
}
