using Dashboard.Situation;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access;

/// <summary>
/// <c>dotnet run --project Dashboard -- create-admin &lt;email&gt;</c>: makes the first Admin (or gives an existing
/// account the Admin role back) and prints a one-time password that must be changed at the first sign-in.
/// </summary>
public static class FirstAdmin
{
    private static readonly Actor Command = new("create-admin command", "console");

    public static async Task<int> CreateAsync(IServiceProvider services, string email, TextWriter output)
    {
        var accounts = services.GetRequiredService<AccountAdministration>();
        await using (var scope = services.CreateAsyncScope())
            await AccountAdministration.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        var existing = (await accounts.ListAsync()).FirstOrDefault(a => string.Equals(a.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));
        var result = existing is null
            ? await accounts.CreateAsync(email, Roles.Admin, Command)
            : await Combine(accounts.SetRoleAsync(existing.Id, Roles.Admin, Command), () => accounts.ResetPasswordAsync(existing.Id, Command));
        if (!result.Succeeded)
        {
            output.WriteLine($"Could not make {email} an Admin: {string.Join(" ", result.Errors)}");
            return 1;
        }
        output.WriteLine($"{email.Trim()} is an Admin. One-time password (shown only now; it must be changed at the first sign-in):");
        output.WriteLine(result.OneTimePassword);
        return 0;
    }

    private static async Task<AccountResult> Combine(Task<AccountResult> first, Func<Task<AccountResult>> then) =>
        await first is { Succeeded: false } failed ? failed : await then();
}
