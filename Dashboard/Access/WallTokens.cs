using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dashboard.Access;

/// <summary>What a wall signed in with a display token is, and which incidents it may show.</summary>
public static class WallTokens
{
    private const string CredentialClaim = "dashboard:credential";
    private const string IncidentsClaim = "dashboard:wall-incidents";

    /// <summary>The wall cookie's principal for an active display token (<see cref="WallTokenHandler"/> signs it in).</summary>
    public static ClaimsPrincipal Principal(long credentialId, string name, IReadOnlyCollection<string>? incidents)
    {
        Claim[] claims = [new Claim(ClaimTypes.Name, $"Wall display '{name}'"), new Claim(ClaimTypes.Role, Roles.WallDisplay), new Claim(CredentialClaim, credentialId.ToString())];
        return new ClaimsPrincipal(new ClaimsIdentity(incidents is null ? claims : [.. claims, new Claim(IncidentsClaim, string.Join(' ', incidents))],
            AccessServiceCollectionExtensions.WallScheme));
    }

    /// <summary>
    /// A token made for chosen incidents opens only their walls; one made without a choice, and anyone signed in as a
    /// person, opens every wall (what else a person may read is their role's to say).
    /// </summary>
    public static bool MayShow(ClaimsPrincipal user, string? slug) =>
        user.FindFirstValue(IncidentsClaim) is not { } allowed || string.IsNullOrEmpty(slug)
        || allowed.Split(' ').Contains(slug, StringComparer.Ordinal);

    public static long? CredentialId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(CredentialClaim), out var id) ? id : null;

    /// <summary>A revoked token's cookie stops working on its next request.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var credentials = context.HttpContext.RequestServices.GetRequiredService<CredentialStore>();
        if (context.Principal is null || CredentialId(context.Principal) is not { } id || !await credentials.IsActiveAsync(id))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessServiceCollectionExtensions.WallScheme);
        }
    }
}

/// <summary>Part of the wall policy: a wall shows only the incidents its display token was made for.</summary>
public sealed class WallIncidentRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement;

/// <summary>
/// Reads the incident asked for from what is being authorized: a request's route (<c>/wall/{slug}</c>) or, inside a
/// live page, the router's <see cref="Microsoft.AspNetCore.Components.RouteData"/> for the page navigated to.
/// </summary>
public sealed class WallIncidentHandler : Microsoft.AspNetCore.Authorization.AuthorizationHandler<WallIncidentRequirement>
{
    protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, WallIncidentRequirement requirement)
    {
        var slug = context.Resource switch
        {
            HttpContext http => http.GetRouteValue("slug") as string,
            Microsoft.AspNetCore.Components.RouteData route => route.RouteValues
                .FirstOrDefault(v => string.Equals(v.Key, "slug", StringComparison.OrdinalIgnoreCase)).Value as string,
            _ => null,
        };
        if (WallTokens.MayShow(context.User, slug))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
