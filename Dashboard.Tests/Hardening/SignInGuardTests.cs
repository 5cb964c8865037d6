using System.Net;
using Dashboard.Access;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Hardening;

/// <summary>The app with sign-in required, its password checks counted.</summary>
public sealed class AddressedAppFactory : DashboardFactory
{
    public int PasswordChecks => Volatile.Read(ref _checks);
    private int _checks;

    public AddressedAppFactory()
    {
        Settings = new() { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "1000" };
        ExtraServices = services => services.AddScoped<IPasswordHasher<IdentityUser>>(_ => new CountingHasher(this));
    }

    // The real hasher, counted: how much work a sign-in attempt does, without timing it.
    private sealed class CountingHasher(AddressedAppFactory owner) : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> _real = new();

        public string HashPassword(IdentityUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref owner._checks);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public class SignInGuardTests(AddressedAppFactory app) : IClassFixture<AddressedAppFactory>
{
    [Fact]
    public async Task Guessing_from_one_address_locks_that_address_out_and_the_owner_still_signs_in_from_another()
    {
        var account = await app.CreateAccountAsync(Roles.Admin);
        var attacker = app.BrowserFrom("203.0.113.7");

        for (var i = 0; i < SignInGuard.FailuresBeforeLockout; i++)
            await attacker.PostSignInFormAsync(account.Email, "guess " + i);
        var attackerWithTheRightPassword = await attacker.PostSignInFormAsync(account.Email, account.Password);
        var owner = await app.BrowserFrom("198.51.100.20").PostSignInFormAsync(account.Email, account.Password);

        Assert.Contains("error=locked", attackerWithTheRightPassword.Headers.Location!.ToString());
        Assert.Equal("/", owner.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_unknown_address_costs_the_same_password_check_as_a_known_one()
    {
        var account = await app.CreateAccountAsync(Roles.Viewer);
        var client = app.BrowserFrom("192.0.2.44");

        var before = app.PasswordChecks;
        await client.PostSignInFormAsync("nobody-here@example.org", "some password");
        var forUnknown = app.PasswordChecks - before;
        before = app.PasswordChecks;
        await client.PostSignInFormAsync(account.Email, "wrong password");
        var forKnown = app.PasswordChecks - before;

        Assert.Equal(1, forUnknown);
        Assert.Equal(forKnown, forUnknown);
    }
}
