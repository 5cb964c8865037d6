using Dashboard.Security.Limits;
using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Situation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dashboard.Access;

/// <summary>
/// A wall opened as <c>/wall/{slug}?token=…</c> with an active display token gets a long-lived cookie for wall pages
/// and is sent on to the same address without the token, so the secret does not stay on the screen.
/// </summary>
public static class WallTokens
{
    private const string CredentialClaim = "dashboard:credential";
    private const string IncidentsClaim = "dashboard:wall-incidents";

    public static IApplicationBuilder UseWallTokens(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Query["token"] is { Count: > 1 })
        {
            // A token given twice is taken as none, and both go from the address before anything else reads it.
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + WithoutToken(context.Request.Query));
            return;
        }
        if (context.Request.Query["token"] is not [{ } token])
        {
            // Which walls a signed-in wall may show is the ReadWall policy's to say (WallIncidentHandler), on every
            // request and on every navigation inside a live page alike.
            await next(context);
            return;
        }
        if (!context.Request.Path.StartsWithSegments("/wall"))
        {
            // A token put on another address is dropped at once, so it never rides along into a sign-in ReturnUrl or a log.
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + WithoutToken(context.Request.Query));
            return;
        }
        if (await context.RequestServices.GetRequiredService<LimitBook>().SpendAsync(context, Budget.TokenTries) is { } refusal)
        {
            var seconds = RetryAfter.Set(context.Response, refusal.RetryAfter);
            await RefuseAsync(context, refusal.StatusCode, refusal.Detail(seconds) + ".");
            return;
        }
        var credentials = context.RequestServices.GetRequiredService<CredentialStore>();
        if (await credentials.FindAsync(CredentialKind.WallToken, token, context.RequestAborted) is not var (id, name, incidents))
        {
            await context.RequestServices.GetRequiredService<AuditLog>().CountAsync(
                Actor.From(context, "unknown wall token"), "wall token refused", "a wall presented a display token that is unknown or revoked.");
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "This wall display token is unknown or has been revoked. Ask an Admin for a new one.");
            return;
        }
        Claim[] claims = [new Claim(ClaimTypes.Name, $"Wall display '{name}'"), new Claim(ClaimTypes.Role, Roles.WallDisplay), new Claim(CredentialClaim, id.ToString())];
        var identity = new ClaimsIdentity(incidents is null ? claims : [.. claims, new Claim(IncidentsClaim, string.Join(' ', incidents))],
            AccessServiceCollectionExtensions.WallScheme);
        if (!MayShow(new ClaimsPrincipal(identity), SlugIn(context)))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "This wall display token is not for this incident.");
            return;
        }
        await context.SignInAsync(AccessServiceCollectionExtensions.WallScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
        context.Response.Redirect(context.Request.PathBase + context.Request.Path + WithoutToken(context.Request.Query));
    });

    private static QueryString WithoutToken(IQueryCollection query) => QueryString.Create(query.Where(q => q.Key != "token"));

    // The incident as the wall page's route reads it ("/wall/{Slug}"), so the token is asked about the same one it shows.
    private static string? SlugIn(HttpContext context) => context.GetRouteValue("Slug") as string;

    /// <summary>
    /// A token made for chosen incidents opens only their walls; one made without a choice, and anyone signed in as a
    /// person, opens every wall (what else a person may read is their role's to say).
    /// </summary>
    public static bool MayShow(ClaimsPrincipal user, string? slug) =>
        user.FindFirstValue(IncidentsClaim) is not { } allowed || string.IsNullOrEmpty(slug)
        || allowed.Split(' ').Contains(slug, StringComparer.Ordinal);

    private static async Task RefuseAsync(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(why);
    }

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
