using System.Net;
using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// Access is the framework's, declared on every endpoint: none the app maps is left to chance, and every caller meets
/// the same answer on every page and route, however the path is spelt.
/// </summary>
public class EndpointAccessTests(SignedInAppFactory app) : IClassFixture<SignedInAppFactory>
{
    [Fact]
    public void Every_endpoint_the_app_maps_declares_who_may_use_it()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var undeclared = endpoints
            .Where(e => !IsStaticAssetsDevelopmentFallback(e))
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        Assert.True(endpoints.Count > 30, $"Only {endpoints.Count} endpoints found: the app's were not read.");
        Assert.True(undeclared.Count == 0, "Endpoints that declare no access: " + string.Join(", ", undeclared));
    }

    // MapStaticAssets, run from build output (never from a published app), adds a catch-all serving wwwroot files changed
    // since the build; it takes no conventions, so the fallback policy refuses it to everyone, which is what we want.
    private static bool IsStaticAssetsDevelopmentFallback(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText == "{**path:file}" && endpoint.DisplayName == "Fallback {**path:file}";

    [Fact]
    public void What_declares_nothing_is_refused_to_everyone()
    {
        var fallback = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value.FallbackPolicy;

        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, r => r is AccessDeclared);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/metrics/")]
    [InlineData("/METRICS/")]
    [InlineData("/metrics/.")]
    [InlineData("/Metrics")]
    public async Task Metrics_are_refused_to_anonymous_callers_under_every_spelling_of_the_path(string path)
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("dashboard_", body);
    }

    [Fact]
    public async Task A_revoked_or_made_up_key_is_refused_even_where_it_is_not_needed()
    {
        using var open = new DashboardFactory(); // Development: reads need no sign-in
        var client = open.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "made-up-key-0123456789");

        var response = await client.GetAsync("/api/incidents/in-amenas/tallies");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("API key not valid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_visitor_not_signed_in_cannot_open_a_live_connection()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var viewer = await app.SignedInClientAsync(Roles.Viewer);

        var refused = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var allowed = await viewer.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("connectionToken", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("connectionToken", await allowed.Content.ReadAsStringAsync());
    }

    private static readonly string[] Paths =
    [
        "/", "/incidents/in-amenas", "/incidents/in-amenas/history", "/incidents/in-amenas/sitrep", "/wall/in-amenas", "/admin",
        "/metrics", "/openapi/v1.json", "/api/incidents", "/api/incidents/in-amenas/tallies", "/api/incidents/in-amenas/changes?since=2013-01-17T00:00:00Z",
        "/api/incidents/in-amenas/export?format=csv", "/api/incidents/in-amenas/reports/in-amenas-sat-hague-britons",
        "/api/incidents/in-amenas/sources", "POST /api/incidents/in-amenas/reports",
    ];

    // What each caller meets on each path, in the order of Paths: a page's sign-in or denial, or a status.
    public static TheoryData<string, string> Matrix => new()
    {
        { "anonymous", "sign-in sign-in sign-in sign-in sign-in sign-in 401 401 401 401 401 401 401 401 401" },
        { Roles.Viewer, "200 200 denied 200 200 denied 403 200 200 200 200 403 403 200 401" },
        { Roles.Analyst, "200 200 200 200 200 denied 403 200 200 200 200 200 200 200 401" },
        { Roles.Admin, "200 200 200 200 200 200 200 200 200 200 200 200 200 200 401" },
        { "API key", "403 403 403 403 403 403 200 200 200 200 200 200 200 200 400" },
        { "wall token", "denied denied denied denied 200 denied 403 403 403 403 403 403 403 403 401" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_caller_meets_its_role_on_every_page_and_route(string caller, string expected)
    {
        var client = await ClientForAsync(caller);

        var outcomes = new List<string>();
        foreach (var path in Paths)
            outcomes.Add(await OutcomeAsync(client, path));

        Assert.Equal(expected, string.Join(' ', outcomes));
    }

    private async Task<HttpClient> ClientForAsync(string caller)
    {
        switch (caller)
        {
            case "anonymous":
                return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            case "API key":
                var keyed = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                keyed.DefaultRequestHeaders.Add("X-Api-Key", DashboardFactory.ApiKey);
                return keyed;
            case "wall token":
                var (_, secret) = await app.Services.GetRequiredService<CredentialStore>()
                    .IssueAsync(CredentialKind.WallToken, "Matrix wall", new Actor("test admin", null));
                var wall = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
                Assert.Equal(HttpStatusCode.Redirect, (await wall.GetAsync($"/wall/in-amenas?token={secret}")).StatusCode);
                return wall;
            default:
                return await app.SignedInClientAsync(caller);
        }
    }

    private static async Task<string> OutcomeAsync(HttpClient client, string path)
    {
        var response = path.StartsWith("POST ", StringComparison.Ordinal)
            ? await client.PostAsync(path[5..], new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))
            : await client.GetAsync(path);
        return response.StatusCode switch
        {
            HttpStatusCode.Redirect when response.Headers.Location!.ToString().Contains("/account/sign-in") => "sign-in",
            HttpStatusCode.Redirect when response.Headers.Location!.ToString().Contains("/account/denied") => "denied",
            var code => ((int)code).ToString(),
        };
    }
}
