using System.Net;
using Dashboard.Access;
using Dashboard.Tests.Access;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Hardening;

/// <summary>A session is only what it should be: a one-time password changes first, and signing out ends it everywhere.</summary>
public class SessionTests(SignedInAppFactory app) : IClassFixture<SignedInAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_session_with_a_one_time_password_may_do_nothing_but_change_it()
    {
        var account = await app.CreateAccountAsync(Roles.Admin, keepOneTimePassword: true);
        var client = Browser();
        Assert.StartsWith("/account/password", (await client.PostSignInFormAsync(account.Email, account.Password)).Headers.Location!.ToString());

        foreach (var page in new[] { "/admin", "/incidents/in-amenas/history", "/incidents/in-amenas", "/" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/password", response.Headers.Location!.ToString());
        }
        foreach (var api in new[] { "/api/incidents/in-amenas/export?format=csv", "/api/incidents/in-amenas/tallies", "/api/incidents" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);

        var form = await client.GetStringAsync("/account/password");
        await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(form), ["current"] = account.Password,
            ["replacement"] = "a passphrase of my own", ["confirmation"] = "a passphrase of my own", ["returnUrl"] = "/admin",
        }));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/incidents/in-amenas/export?format=csv")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_every_copy_of_its_cookie()
    {
        var account = await app.CreateAccountAsync(Roles.Analyst);
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var (session, antiforgery) = await SignInForCookiesAsync(raw, account);
        Assert.Equal(HttpStatusCode.OK, (await Send(raw, HttpMethod.Get, "/api/incidents/in-amenas/tallies", session)).StatusCode);

        var page = await Send(raw, HttpMethod.Get, "/incidents/in-amenas", session, antiforgery);
        antiforgery = CookiesSet(page, ".AspNetCore.Antiforgery").FirstOrDefault() ?? antiforgery;
        var signedOut = await Send(raw, HttpMethod.Post, "/account/sign-out", session, antiforgery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(await page.Content.ReadAsStringAsync()) }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        // The same cookie, replayed as another tab or a copied cookie would: the session is over.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(raw, HttpMethod.Get, "/api/incidents/in-amenas/tallies", session)).StatusCode);
        var pageAfter = await Send(raw, HttpMethod.Get, "/incidents/in-amenas", session);
        Assert.Equal(HttpStatusCode.Redirect, pageAfter.StatusCode);
        Assert.Contains("/account/sign-in", pageAfter.Headers.Location!.ToString());
    }

    private static async Task<(string Session, string Antiforgery)> SignInForCookiesAsync(HttpClient raw, TestAccount account)
    {
        var form = await raw.GetAsync("/account/sign-in");
        var antiforgery = CookiesSet(form, ".AspNetCore.Antiforgery").Single();
        var signedIn = await Send(raw, HttpMethod.Post, "/account/sign-in", antiforgery, content: new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
            ["email"] = account.Email, ["password"] = account.Password, ["returnUrl"] = "/",
        }));
        return (CookiesSet(signedIn, AccessServiceCollectionExtensions.PersonCookie).Single(), antiforgery);
    }

    private static IEnumerable<string> CookiesSet(HttpResponseMessage response, string prefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.Split(';')[0])
            : [];

    private static Task<HttpResponseMessage> Send(HttpClient raw, HttpMethod method, string path, string cookie, string? more = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Cookie", more is null ? cookie : $"{cookie}; {more}");
        return raw.SendAsync(request);
    }
}
