using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>
/// The account behind a live page as it stands now. A page keeps the user it was opened with, and its dialogs outlive
/// the minute-by-minute revalidation; every action taken in it is authorized against this instead, at the moment it is
/// taken (<see cref="CircuitClient.ActorForAsync"/>).
/// </summary>
public sealed class LiveActionGuard(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
{
    /// <summary>The person's account now, with its current roles; null when it is gone, its sessions were ended (signed
    /// out, new password, new role: a new security stamp), or the user is no person (a wall display, nobody).</summary>
    public async Task<ClaimsPrincipal?> CurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.Identity?.IsAuthenticated != true || user.IsInRole(Roles.WallDisplay))
            return null;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.GetUserAsync(user) is not { } account)
            return null;
        if (users.SupportsUserSecurityStamp
            && user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(account))
            return null;
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>().CreateAsync(account);
    }
}
