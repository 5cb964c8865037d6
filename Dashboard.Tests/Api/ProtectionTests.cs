using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>Security headers on every response, and a write limit per client that answers 429 with Retry-After.</summary>
public class ProtectionTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/in-amenas")]
    [InlineData("/api/incidents")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var app = new DashboardFactory();

        var response = await app.CreateClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task A_client_over_its_write_limit_gets_429_with_retry_after_and_nothing_is_written()
    {
        using var app = new DashboardFactory { Settings = { ["RateLimits:WritesPerSecond"] = "3" } };
        var incident = await app.CreateIncidentAsync();
        var writer = app.CreateWriter();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
            responses.Add(await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport($"limited-{i}")));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        // Three a second: however the twenty requests fall across window edges, no more than two windows' worth.
        Assert.InRange(created, 3, 6);
        Assert.Equal(created, await app.Situation.CountReportsAsync(incident.Slug));
    }
}
