using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Situation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Access;

public sealed record UserAccount(string Id, string Email, string? Role, DateTimeOffset? LockedOutUntil, bool MustChangePassword);

/// <summary>The outcome of an account change: the one-time password when one was made, or why it failed.</summary>
public sealed record AccountResult(bool Succeeded, string? OneTimePassword, IReadOnlyList<string> Errors)
{
    public static AccountResult Failed(params string[] errors) => new(false, null, errors);
}

/// <summary>
/// Accounts and roles for Admins and for the <c>create-admin</c> command. Each operation is its own unit of work
/// (a scope with its own database context), so a long-open admin page never holds one.
/// </summary>
public sealed class AccountAdministration(IServiceScopeFactory scopes, AuditLog audit)
{
    /// <summary>A claim on an account whose password an Admin or the command chose: it must be changed at sign-in.</summary>
    public const string MustChangePasswordClaim = "dashboard:must-change-password";

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.DashboardDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var mustChange = (await db.UserClaims.Where(c => c.ClaimType == MustChangePasswordClaim).Select(c => c.UserId).ToListAsync(cancellationToken)).ToHashSet();
        return users.Select(u => new UserAccount(u.Id, u.Email ?? u.UserName ?? u.Id,
            Roles.HighestOf(roles.Where(r => r.UserId == u.Id).Select(r => r.Name!)),
            u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null,
            mustChange.Contains(u.Id))).ToArray();
    }

    /// <summary>Creates an account with a role and a one-time password that must be changed at first sign-in.</summary>
    public async Task<AccountResult> CreateAsync(string email, string role, Actor by)
    {
        email = email.Trim();
        if (!Roles.People.Contains(role))
            return AccountResult.Failed($"Role must be one of {string.Join(", ", Roles.People)}.");
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > 200)
            return AccountResult.Failed("Enter a valid e-mail address.");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        var password = NewPassword();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return AccountResult.Failed(created.Errors.Select(e => e.Description).ToArray());
        await users.AddToRoleAsync(user, role);
        await users.AddClaimAsync(user, new Claim(MustChangePasswordClaim, "true"));
        await audit.RecordAsync(by, "create account", $"Created {email} as {role}.");
        return new AccountResult(true, password, []);
    }

    public async Task<AccountResult> SetRoleAsync(string userId, string role, Actor by) => await ChangeAsync(userId, by, async (users, user) =>
    {
        if (!Roles.People.Contains(role))
            return AccountResult.Failed($"Role must be one of {string.Join(", ", Roles.People)}.");
        if (role != Roles.Admin && await IsLastAdminAsync(users, user))
            return AccountResult.Failed("This is the only Admin; make another Admin first.");
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(by, "change role", $"{user.Email} is now {role}.");
        return new AccountResult(true, null, []);
    });

    public async Task<AccountResult> ResetPasswordAsync(string userId, Actor by) => await ChangeAsync(userId, by, async (users, user) =>
    {
        var password = NewPassword();
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
            return AccountResult.Failed(added.Errors.Select(e => e.Description).ToArray());
        if (!(await users.GetClaimsAsync(user)).Any(c => c.Type == MustChangePasswordClaim))
            await users.AddClaimAsync(user, new Claim(MustChangePasswordClaim, "true"));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(by, "reset password", $"Gave {user.Email} a new one-time password.");
        return new AccountResult(true, password, []);
    });

    public async Task<AccountResult> DeleteAsync(string userId, Actor by) => await ChangeAsync(userId, by, async (users, user) =>
    {
        if (await IsLastAdminAsync(users, user))
            return AccountResult.Failed("This is the only Admin; make another Admin first.");
        await users.DeleteAsync(user);
        await audit.RecordAsync(by, "delete account", $"Deleted {user.Email}.");
        return new AccountResult(true, null, []);
    });

    public async Task<AccountResult> UnlockAsync(string userId, Actor by) => await ChangeAsync(userId, by, async (users, user) =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(by, "unlock account", $"Unlocked {user.Email}.");
        return new AccountResult(true, null, []);
    });

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.People)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    private async Task<AccountResult> ChangeAsync(string userId, Actor by, Func<UserManager<IdentityUser>, IdentityUser, Task<AccountResult>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.FindByIdAsync(userId) is { } user ? await change(users, user) : AccountResult.Failed("No such account.");
    }

    private static async Task<bool> IsLastAdminAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        await users.IsInRoleAsync(user, Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1;

    // 20 characters from an alphabet without look-alikes: about 115 bits, easy to read out over a phone.
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
