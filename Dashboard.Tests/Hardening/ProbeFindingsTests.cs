using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Access;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Hardening;

/// <summary>What an outside probe found a client could do, each as the probe did it, over real HTTP.</summary>
public class ProbeFindingsTests(AddressedAppFactory app) : IClassFixture<AddressedAppFactory>
{
    [Fact]
    public async Task Guessed_wall_tokens_make_one_counted_audit_entry_per_address_and_minute()
    {
        // On a fake clock, mid-minute: five guesses on the real clock could straddle a minute and make two entries.
        using var guessed = new FakeClockAppFactory { Settings = new() { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "1000" } };
        guessed.Clock.Advance(TimeSpan.FromSeconds(59));
        var address = "203.0.113.41";
        var guesser = guessed.BrowserFrom(address);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync($"/wall/in-amenas?token=guess{i}")).StatusCode);
        guessed.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/wall/in-amenas?token=guess-next-minute")).StatusCode);

        var entries = (await guessed.Situation.GetAuditAsync(new AuditFilter(null, "wall token refused", null), 1000))
            .Where(e => e.Address == address).OrderBy(e => e.At).ToList();
        Assert.Equal(2, entries.Count);
        Assert.StartsWith("5 attempts in the minute from 09:00", entries[0].Detail);
        Assert.StartsWith("1 attempt", entries[1].Detail);
    }

    [Fact]
    public async Task Display_tokens_tried_from_one_address_are_limited_like_sign_ins()
    {
        using var limited = new DashboardFactory { Settings = new() { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "3" } };
        var guesser = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await guesser.GetAsync($"/wall/in-amenas?token=guess{i}")).StatusCode);
        var refused = await guesser.GetAsync("/wall/in-amenas?token=guess-again");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Signing_in_and_signing_out_are_both_in_the_audit_log()
    {
        var account = await app.CreateAccountAsync(Roles.Viewer);
        var client = await app.SignInAsync(account);

        var page = await client.GetStringAsync("/");
        var signOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var trail = await app.Situation.GetAuditAsync(new AuditFilter(account.Email, null, null));
        Assert.Contains(trail, e => e.Action == "signed in");
        Assert.Contains(trail, e => e.Action == "signed out");
    }

    [Fact]
    public async Task The_kelvin_sign_spelling_of_an_address_is_locked_out_with_the_plain_one()
    {
        var account = await app.CreateAccountAsync(Roles.Viewer, name: "kate");
        var attacker = app.BrowserFrom("203.0.113.42");
        for (var i = 0; i < SignInGuard.FailuresBeforeLockout; i++)
            await attacker.PostSignInFormAsync(account.Email, "guess " + i);

        // "kate@…" with the Kelvin sign (U+212A) for its k: Identity finds the same account by it.
        var withKelvin = await attacker.PostSignInFormAsync("\u212A" + account.Email[1..], account.Password);

        Assert.Contains("error=locked", withKelvin.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_token_given_twice_is_dropped_from_the_address_and_never_reaches_the_sign_in_address()
    {
        var client = app.BrowserFrom("203.0.113.43");

        var first = await client.GetAsync("/incidents/in-amenas?token=live-secret&token=x&country=GB");
        var second = await client.GetAsync(first.Headers.Location);

        Assert.Equal("/incidents/in-amenas?country=GB", first.Headers.Location!.ToString());
        Assert.DoesNotContain("secret", second.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("nl-test\n")]
    [InlineData("nl-test\r\n")]
    public async Task A_slug_with_a_trailing_newline_is_refused_and_creates_nothing(string slug)
    {
        var response = await app.CreateWriter().PostJsonAsync("/api/incidents", new JsonObject
        {
            ["slug"] = slug, ["name"] = "Newline", ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:30:00+01:00",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("slug", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.Situation.FindIncidentAsync(slug));
        Assert.Null(await app.Situation.FindIncidentAsync(slug.TrimEnd()));
    }

    [Fact]
    public async Task A_report_id_with_a_trailing_newline_is_refused()
    {
        var incident = await app.CreateIncidentAsync();
        var report = ApiClient.ValidReport($"{incident.Slug}-sec-1\n");

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"id\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task A_count_sent_as_text_is_refused_naming_the_field()
    {
        var incident = await app.CreateIncidentAsync();
        var report = ApiClient.ValidReport();
        report["figures"]![0]!["count"] = "1";

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("count", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(incident.Slug));
    }

    [Theory]
    [InlineData("/api/incidents/in-amenas/export?format=csv")]
    [InlineData("/api/incidents/in-amenas/sitrep.pdf")]
    [InlineData("/api/incidents/in-amenas/reports/in-amenas-sat-hague-britons")]
    public async Task Answers_to_a_key_are_kept_by_no_cache(string path)
    {
        var response = await app.CreateWriter().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task A_wall_s_cookie_lasts_as_long_as_the_setting_says()
    {
        using var shortWalls = new DashboardFactory { Settings = new() { ["Access:RequireSignIn"] = "true", ["Access:WallSessionDays"] = "2" } };
        var (_, secret) = await shortWalls.Services.GetRequiredService<CredentialStore>()
            .IssueAsync(Dashboard.Data.CredentialKind.WallToken, "Short wall", new Actor("test admin", null));
        var wall = shortWalls.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await wall.GetAsync($"/wall/in-amenas?token={secret}");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Dashboard.Wall=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(System.Text.RegularExpressions.Regex.Match(cookie, "expires=([^;]+)").Groups[1].Value);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(1.9), TimeSpan.FromDays(2.1));
    }
}
