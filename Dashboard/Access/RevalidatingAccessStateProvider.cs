using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>
/// An open page keeps the user it was opened with; this checks every minute that the account still exists with the
/// same security stamp (not deleted, no new password or role) or the wall token is not revoked, and signs the page
/// out otherwise.
/// </summary>
public sealed class RevalidatingAccessStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identityOptions, CredentialStore credentials)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var user = state.User;
        if (user.Identity?.IsAuthenticated != true)
            return true;
        if (user.IsInRole(Roles.WallDisplay))
            return WallTokens.CredentialId(user) is { } id && await credentials.IsActiveAsync(id, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.GetUserAsync(user) is not { } account)
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;
        var stamp = user.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(account);
    }
}
