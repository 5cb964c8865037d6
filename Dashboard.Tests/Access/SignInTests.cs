using System.Net;
using Dashboard.Access;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>Signing in through the form: antiforgery, lockout, rate limit, one-time passwords, the first Admin.</summary>
public class SignInTests(SignedInAppFactory app) : IClassFixture<SignedInAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_failure_is_audited()
    {
        var account = await app.CreateAccountAsync(Roles.Analyst);
        var client = Browser();

        for (var i = 0; i < 4; i++)
            Assert.Contains("error=failed", (await client.PostSignInFormAsync(account.Email, "wrong password " + i)).Headers.Location!.ToString());
        Assert.Contains("error=locked", (await client.PostSignInFormAsync(account.Email, "wrong password 5")).Headers.Location!.ToString());
        var withRightPassword = await client.PostSignInFormAsync(account.Email, account.Password);

        Assert.Contains("error=locked", withRightPassword.Headers.Location!.ToString());
        Assert.Contains("/account/sign-in", (await client.GetAsync("/incidents/in-amenas")).Headers.Location!.ToString());
        var trail = await app.Situation.GetAuditAsync(new AuditFilter(account.Email, "sign-in", null));
        Assert.Equal(4, trail.Count(e => e.Action == "sign-in failed"));
        Assert.Equal(2, trail.Count(e => e.Action == "sign-in locked out"));
    }

    [Fact]
    public async Task A_sign_in_without_the_forms_antiforgery_token_is_refused()
    {
        var account = await app.CreateAccountAsync(Roles.Admin);
        var response = await Browser().PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = account.Email, ["password"] = account.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(AccessServiceCollectionExtensions.PersonCookie)));
    }

    [Fact]
    public async Task A_one_time_password_must_be_replaced_at_the_first_sign_in()
    {
        var account = await app.CreateAccountAsync(Roles.Viewer, keepOneTimePassword: true);
        var client = Browser();

        var signedIn = await client.PostSignInFormAsync(account.Email, account.Password, "/incidents/in-amenas");
        Assert.StartsWith("/account/password", signedIn.Headers.Location!.ToString());

        var form = await client.GetStringAsync(signedIn.Headers.Location);
        var changed = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(form), ["current"] = account.Password,
            ["replacement"] = "a brand new passphrase", ["confirmation"] = "a brand new passphrase", ["returnUrl"] = "/incidents/in-amenas",
        }));
        Assert.Equal("/incidents/in-amenas", changed.Headers.Location!.ToString());

        var again = await Browser().PostSignInFormAsync(account.Email, "a brand new passphrase", "/incidents/in-amenas");
        Assert.Equal("/incidents/in-amenas", again.Headers.Location!.ToString());
        Assert.Contains("error=failed", (await Browser().PostSignInFormAsync(account.Email, account.Password)).Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_create_admin_command_prints_a_one_time_password_that_signs_in_as_admin()
    {
        var email = $"first-admin-{Guid.NewGuid():N}"[..24] + "@example.org";
        var output = new StringWriter();

        Assert.Equal(0, await FirstAdmin.CreateAsync(app.Services, email, output));

        var password = output.ToString().Trim().Split('\n')[^1].Trim();
        Assert.Equal(20, password.Length);
        var client = Browser();
        Assert.StartsWith("/account/password", (await client.PostSignInFormAsync(email, password)).Headers.Location!.ToString());
        var accounts = await app.Services.GetRequiredService<AccountAdministration>().ListAsync();
        Assert.Equal(Roles.Admin, accounts.Single(a => a.Email == email).Role);
    }
}

/// <summary>Sign-in attempts per address per minute are limited: 429 with Retry-After, whatever the account.</summary>
public class SignInRateLimitTests : IClassFixture<SignInRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : DashboardFactory
    {
        public LimitedApp() => Settings = new() { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "3" };
    }

    private readonly LimitedApp _app;

    public SignInRateLimitTests(LimitedApp app) => _app = app;

    [Fact]
    public async Task The_fourth_attempt_within_a_minute_is_refused_with_retry_after()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInFormAsync("nobody@example.org", "guess " + i)).StatusCode);

        var refused = await client.PostSignInFormAsync("nobody@example.org", "guess 4");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Contains("sign-in", await refused.Content.ReadAsStringAsync());
    }
}
