using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>
/// An <c>X-Api-Key</c> header as a sign-in of its own: a valid key is a principal named for the audit trail (never the
/// key itself) in the <see cref="Roles.ApiClient"/> role; a key that is not valid fails, and is never read as no key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Whether the request presents a key at all (valid or not): such a request is the key's to answer for.</summary>
    public static bool Presents(HttpRequest request) => request.Headers[ApiKeys.HeaderName].ToString().Length > 0;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Presents(Request))
            return AuthenticateResult.NoResult();
        if (await keys.NameOfAsync(Request.Headers[ApiKeys.HeaderName].ToString(), Context.RequestAborted) is not { } name)
            return AuthenticateResult.Fail("The API key is not valid.");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, Roles.ApiClient)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
