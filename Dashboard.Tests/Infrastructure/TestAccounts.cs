using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Access;
using Dashboard.Situation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Infrastructure;

public sealed record TestAccount(string Email, string Password, string Role);

/// <summary>Accounts made the way an Admin makes them, then given a known password, and signed in over real HTTP.</summary>
public static partial class TestAccounts
{
    public const string Password = "correct horse battery staple";
    private static readonly Actor Admin = new("test admin", "127.0.0.1");

    public static async Task<TestAccount> CreateAccountAsync(this DashboardFactory app, string role, bool keepOneTimePassword = false, string? name = null)
    {
        var email = $"{name ?? role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@example.org";
        var created = await app.Services.GetRequiredService<AccountAdministration>().CreateAsync(email, role, Admin);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        if (keepOneTimePassword)
            return new TestAccount(email, created.OneTimePassword!, role);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ChangePasswordAsync(user, created.OneTimePassword!, Password)).Succeeded);
        foreach (var claim in (await users.GetClaimsAsync(user)).Where(c => c.Type == AccountAdministration.MustChangePasswordClaim))
            await users.RemoveClaimAsync(user, claim);
        return new TestAccount(email, Password, role);
    }

    /// <summary>A client that signed in through the sign-in form (antiforgery token and all) and keeps its cookie.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this DashboardFactory app, string role) =>
        await app.SignInAsync(await app.CreateAccountAsync(role));

    public static async Task<HttpClient> SignInAsync(this DashboardFactory app, TestAccount account)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostSignInFormAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error", response.Headers.Location!.ToString());
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInFormAsync(this HttpClient client, string email, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/account/sign-in");
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form), ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }

    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(TokenInput().Match(html) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
