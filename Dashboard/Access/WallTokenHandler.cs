using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Data;
using Dashboard.Security.Limits;
using Dashboard.Situation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>
/// The display token's scheme. A wall opened as <c>/wall/{slug}?token=…</c> with an active token is signed in to the
/// wall cookie and sent on to the same address without the token, so the secret does not stay on the screen; the
/// authentication middleware asks this handler first, as it asks a remote sign-in's callback.
/// </summary>
public sealed class WallTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    LimitBook limits, CredentialStore credentials, AuditLog audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder), IAuthenticationRequestHandler
{
    public const string SchemeName = "WallToken";

    // The token is exchanged for the wall cookie, never carried on later requests: it authenticates nothing by itself.
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    public async Task<bool> HandleRequestAsync()
    {
        if (Request.Query["token"] is { Count: > 1 })
        {
            // A token given twice is taken as none, and both go from the address before anything else reads it.
            return RedirectWithoutToken();
        }
        if (Request.Query["token"] is not [{ } token])
            return false;
        if (!Request.Path.StartsWithSegments("/wall"))
        {
            // A token put on another address is dropped at once, so it never rides along into a sign-in ReturnUrl or a log.
            return RedirectWithoutToken();
        }
        if (await limits.SpendAsync(Context, Budget.TokenTries) is { } refusal)
        {
            var seconds = RetryAfter.Set(Response, refusal.RetryAfter);
            return await RefuseAsync(refusal.StatusCode, refusal.Detail(seconds) + ".");
        }
        if (await credentials.FindAsync(CredentialKind.WallToken, token, Context.RequestAborted) is not var (id, name, incidents))
        {
            await audit.CountAsync(Actor.From(Context, "unknown wall token"), "wall token refused",
                "a wall presented a display token that is unknown or revoked.");
            return await RefuseAsync(StatusCodes.Status401Unauthorized, "This wall display token is unknown or has been revoked. Ask an Admin for a new one.");
        }
        var wall = WallTokens.Principal(id, name, incidents);
        if (!WallTokens.MayShow(wall, Context.GetRouteValue("Slug") as string))
            return await RefuseAsync(StatusCodes.Status403Forbidden, "This wall display token is not for this incident.");
        await Context.SignInAsync(AccessServiceCollectionExtensions.WallScheme, wall, new AuthenticationProperties { IsPersistent = true });
        return RedirectWithoutToken();
    }

    private bool RedirectWithoutToken()
    {
        Response.Redirect(Request.PathBase + Request.Path + QueryString.Create(Request.Query.Where(q => q.Key != "token")));
        return true;
    }

    private async Task<bool> RefuseAsync(int status, string why)
    {
        Response.StatusCode = status;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(why);
        return true;
    }
}
