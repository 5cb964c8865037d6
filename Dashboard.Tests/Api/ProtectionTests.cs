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
    public async Task A_client_over_its_write_limit_gets_429_with_retry_after_nothing_is_written_and_others_go_on()
    {
        // Three an hour: no window edge falls inside the test, so exactly three get through whatever the machine's speed.
        using var app = new DashboardFactory { Settings = { ["RateLimits:WritesPerSecond"] = "3", ["RateLimits:WindowSeconds"] = "3600", ["Ingest:ApiKeys:1"] = "second-key-0123456789" } };
        var incident = await app.CreateIncidentAsync();
        var writer = app.CreateWriter();
        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", "second-key-0123456789");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
            responses.Add(await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport($"limited-{i}")));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        // Another client is not held back by the first one's limit.
        Assert.Equal(HttpStatusCode.Created, (await other.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("other-client"))).StatusCode);
        Assert.Equal(4, await app.Situation.CountReportsAsync(incident.Slug));
    }
}
