using System.Net;
using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>Wall display tokens and API keys issued in the app: hashed, named, shown once, revocable.</summary>
public class CredentialTests(SignedInAppFactory app) : IClassFixture<SignedInAppFactory>
{
    private static readonly Actor Admin = new("admin@example.org", "127.0.0.1");
    private CredentialStore Credentials => app.Services.GetRequiredService<CredentialStore>();

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_wall_token_opens_wall_pages_only_until_it_is_revoked()
    {
        var (token, secret) = await Credentials.IssueAsync(CredentialKind.WallToken, "Crisis room, north wall", Admin);
        var wall = Browser();

        var first = await wall.GetAsync($"/wall/in-amenas?token={Uri.EscapeDataString(secret)}&rotate=20");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/wall/in-amenas?rotate=20", first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await wall.GetAsync("/wall/in-amenas")).StatusCode);

        // Read-only, wall pages only: no situation page, no history (names), no API.
        Assert.Contains("/account/denied", (await wall.GetAsync("/incidents/in-amenas")).Headers.Location!.ToString());
        Assert.Contains("/account/denied", (await wall.GetAsync("/incidents/in-amenas/history")).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await wall.GetAsync("/api/incidents/in-amenas/tallies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await wall.GetAsync("/api/incidents/in-amenas/reports/in-amenas-sat-hague-britons")).StatusCode);

        Assert.True(await Credentials.RevokeAsync(token.Id, Admin));
        Assert.Contains("/account/sign-in", (await wall.GetAsync("/wall/in-amenas")).Headers.Location!.ToString());
        var again = await Browser().GetAsync($"/wall/in-amenas?token={Uri.EscapeDataString(secret)}");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("revoked", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Both_credentials_are_authentication_schemes_of_the_app()
    {
        // Keys and display tokens are checked by the framework's authentication, not by hand in a middleware of their own.
        var schemes = app.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.Contains(await schemes.GetRequestHandlerSchemesAsync(), s => s.HandlerType == typeof(WallTokenHandler));
        Assert.Contains(await schemes.GetAllSchemesAsync(), s => s.HandlerType == typeof(ApiKeyAuthenticationHandler));
    }

    [Fact]
    public async Task An_issued_api_key_writes_under_its_name_and_is_refused_once_revoked()
    {
        var (key, secret) = await Credentials.IssueAsync(CredentialKind.ApiKey, "Wire desk feed", Admin);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var incident = await app.CreateIncidentAsync();

        var created = await client.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("wire-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/incidents/{incident.Slug}/tallies")).StatusCode);
        var audit = (await app.Situation.GetAuditAsync()).First(e => e.Incident == incident.Slug && e.Action == "report");
        Assert.Equal("API key 'Wire desk feed'", audit.Actor);

        // The last use is saved in the background, at most once a minute per key.
        Assert.True(await Dashboard.Tests.Instances.SharedDatabase.EventuallyAsync(async () =>
            (await Credentials.ListAsync(CredentialKind.ApiKey)).Single(c => c.Id == key.Id).LastUsedAt is not null), "The key's last use was never saved");

        Assert.True(await Credentials.RevokeAsync(key.Id, Admin));
        var refused = await client.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("wire-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", (await refused.JsonAsync())["detail"]!.ToString());
        Assert.Equal(1, await app.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task Only_a_hash_of_a_secret_is_stored_and_issuing_and_revoking_are_audited()
    {
        var (key, secret) = await Credentials.IssueAsync(CredentialKind.ApiKey, "Audited key", Admin);
        await Credentials.RevokeAsync(key.Id, Admin);

        await using var scope = app.Services.CreateAsyncScope();
        var stored = scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Credentials.Single(c => c.Id == key.Id);
        Assert.DoesNotContain(secret, stored.SecretHash);
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.Equal(secret[..10], stored.Hint);

        var trail = (await app.Situation.GetAuditAsync(new AuditFilter("admin@example.org", "API key", "Audited key"))).Select(e => e.Action).ToArray();
        Assert.Equal(["revoke API key", "issue API key"], trail);
    }
}
