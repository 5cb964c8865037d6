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

    public static IApplicationBuilder UseWallTokens(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Query["token"] is not [{ } token])
        {
            await next(context);
            return;
        }
        if (!context.Request.Path.StartsWithSegments("/wall"))
        {
            // A token put on another address is dropped at once, so it never rides along into a sign-in ReturnUrl or a log.
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + WithoutToken(context.Request.Query));
            return;
        }
        var credentials = context.RequestServices.GetRequiredService<CredentialStore>();
        if (await credentials.FindAsync(CredentialKind.WallToken, token, context.RequestAborted) is not var (id, name))
        {
            await context.RequestServices.GetRequiredService<AuditLog>().RecordAsync(
                Actor.From(context, "unknown wall token"), "wall token refused", "A wall presented a display token that is unknown or revoked.");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This wall display token is unknown or has been revoked. Ask an Admin for a new one.");
            return;
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"Wall display '{name}'"), new Claim(ClaimTypes.Role, Roles.WallDisplay), new Claim(CredentialClaim, id.ToString())],
            AccessServiceCollectionExtensions.WallScheme);
        await context.SignInAsync(AccessServiceCollectionExtensions.WallScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
        context.Response.Redirect(context.Request.PathBase + context.Request.Path + WithoutToken(context.Request.Query));
    });

    private static QueryString WithoutToken(IQueryCollection query) => QueryString.Create(query.Where(q => q.Key != "token"));

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
