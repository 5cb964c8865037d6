using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Access;

/// <summary>
/// Blazor maps endpoints of its own beside the pages (the live connection's hub, its script, its redirects), which
/// declare no access; under a fallback policy that refuses everything, each gets its access here, by what it is for.
/// </summary>
public static class FrameworkEndpointAccess
{
    public static RazorComponentsEndpointConventionBuilder DeclareFrameworkAccess(this RazorComponentsEndpointConventionBuilder components)
    {
        components.Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route || route.RoutePattern.RawText is not { } pattern
                || route.Metadata.Any(m => m is IAuthorizeData or IAllowAnonymous))
                return;
            if (pattern.StartsWith("/_blazor", StringComparison.Ordinal) || pattern.StartsWith("_blazor", StringComparison.Ordinal))
                route.Metadata.Add(new AuthorizeAttribute(AccessPolicies.LiveConnection));
            else if (pattern.Contains("_framework/", StringComparison.Ordinal))
                route.Metadata.Add(new AllowAnonymousAttribute());
        });
        return components;
    }
}
