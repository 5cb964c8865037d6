using Dashboard.Access;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>What an Admin does to accounts takes effect at once and is recorded; the last Admin cannot be lost.</summary>
public class AccountAdministrationTests(SignedInAppFactory app) : IClassFixture<SignedInAppFactory>
{
    private static readonly Actor Admin = new("chief@example.org", "10.0.0.7");
    private AccountAdministration Accounts => app.Services.GetRequiredService<AccountAdministration>();

    [Fact]
    public async Task Role_changes_resets_and_deletions_apply_at_once_and_are_audited()
    {
        var account = await app.CreateAccountAsync(Roles.Viewer);
        var id = (await Accounts.ListAsync()).Single(a => a.Email == account.Email).Id;

        Assert.True((await Accounts.SetRoleAsync(id, Roles.Analyst, Admin)).Succeeded);
        var analyst = await app.SignInAsync(account);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await analyst.GetAsync("/incidents/in-amenas/history")).StatusCode);

        var reset = await Accounts.ResetPasswordAsync(id, Admin);
        Assert.Equal(20, reset.OneTimePassword!.Length);
        Assert.True((await Accounts.ListAsync()).Single(a => a.Id == id).MustChangePassword);
        Assert.True((await Accounts.DeleteAsync(id, Admin)).Succeeded);
        Assert.DoesNotContain(await Accounts.ListAsync(), a => a.Id == id);

        var trail = (await app.Situation.GetAuditAsync(new AuditFilter("chief@example.org", null, account.Email))).Select(e => (e.Action, e.Address)).ToArray();
        Assert.Equal([("delete account", "10.0.0.7"), ("reset password", "10.0.0.7"), ("change role", "10.0.0.7")], trail);
    }

    [Fact]
    public async Task The_only_admin_can_be_neither_demoted_nor_deleted_and_bad_input_changes_nothing()
    {
        await using var lone = new SignedInAppFactory();
        var accounts = lone.Services.GetRequiredService<AccountAdministration>();
        var admin = await lone.CreateAccountAsync(Roles.Admin);
        var id = (await accounts.ListAsync()).Single(a => a.Email == admin.Email).Id;

        Assert.Contains("only Admin", (await accounts.SetRoleAsync(id, Roles.Viewer, Admin)).Errors.Single());
        Assert.Contains("only Admin", (await accounts.DeleteAsync(id, Admin)).Errors.Single());
        Assert.Contains("valid e-mail", (await accounts.CreateAsync("not an address", Roles.Viewer, Admin)).Errors.Single());
        Assert.Contains("Role must be", (await accounts.CreateAsync("x@example.org", "Superuser", Admin)).Errors.Single());
        Assert.False((await accounts.CreateAsync(admin.Email, Roles.Viewer, Admin)).Succeeded);

        Assert.Equal([(admin.Email, (string?)Roles.Admin)], (await accounts.ListAsync()).Select(a => (a.Email, a.Role)));
    }
}
