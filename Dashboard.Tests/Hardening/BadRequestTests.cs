using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Access;
using Dashboard.Tests.Access;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Hardening;

/// <summary>The app as deployed: Production (its error pages), sign-in required.</summary>
public class DeployedAppFactory : DashboardFactory
{
    public DeployedAppFactory()
    {
        Environment = "Production";
        Settings = new() { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "1000" };
    }
}

/// <summary>The deployed app on Kestrel over real HTTP on 127.0.0.1: its request limits and headers are Kestrel's.</summary>
public sealed class KestrelAppFactory : DeployedAppFactory
{
    public KestrelAppFactory()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!;
        Address = new Uri(addresses.Addresses.First());
    }

    public Uri Address { get; }

    public HttpClient Writer()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }
}

public class BadRequestTests(DeployedAppFactory app) : IClassFixture<DeployedAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_sign_in_or_password_change_without_the_antiforgery_token_is_a_400()
    {
        var account = await app.CreateAccountAsync(Roles.Analyst);
        var signIn = await Browser().PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = account.Email, ["password"] = account.Password,
        }));
        var signedIn = await app.SignInAsync(account);
        var password = await signedIn.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["current"] = account.Password, ["replacement"] = "another long passphrase", ["confirmation"] = "another long passphrase",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0aLocation:%20https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    public async Task A_crafted_return_address_sends_the_person_home_and_never_fails(string returnUrl)
    {
        var account = await app.CreateAccountAsync(Roles.Viewer);
        var client = Browser();

        var signedIn = await client.PostSignInFormAsync(account.Email, account.Password, Uri.UnescapeDataString(returnUrl));
        var theme = await client.GetAsync($"/theme/toggle?returnUrl={returnUrl}");

        Assert.Equal((HttpStatusCode.Redirect, "/"), (signedIn.StatusCode, signedIn.Headers.Location!.ToString()));
        Assert.Equal((HttpStatusCode.Redirect, "/"), (theme.StatusCode, theme.Headers.Location!.ToString()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_write_in_another_format_than_json_gets_the_apis_415(string contentType)
    {
        using var writer = app.CreateWriter();

        var response = await writer.PostAsync("/api/incidents/in-amenas/reports", new StringContent("id=x", Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_page_is_the_not_found_page_for_anyone()
    {
        var response = await Browser().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not Found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_404_problem()
    {
        using var writer = app.CreateWriter();

        var response = await writer.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wall_token_put_on_another_address_is_dropped_and_never_reaches_the_sign_in_address()
    {
        var client = Browser();

        var first = await client.GetAsync("/incidents/in-amenas?token=secret-wall-token&country=GB");
        var second = await client.GetAsync(first.Headers.Location);

        Assert.Equal("/incidents/in-amenas?country=GB", first.Headers.Location!.ToString());
        Assert.DoesNotContain("secret-wall-token", second.Headers.Location!.ToString());
        Assert.Contains("/account/sign-in", second.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_api_description_needs_sign_in_when_the_situation_does()
    {
        var anonymous = await Browser().GetAsync("/openapi/v1.json");
        var signedIn = await (await app.SignedInClientAsync(Roles.Viewer)).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }
}

/// <summary>What only a real Kestrel shows: its request body limit and its headers.</summary>
public class KestrelLimitTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    private static HttpRequestMessage LargePost(HttpContent content, bool chunked, string contentType = "application/json")
    {
        content.Headers.ContentType = new(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents/in-amenas/import") { Content = content };
        request.Headers.ExpectContinue = true;
        request.Headers.TransferEncodingChunked = chunked;
        return request;
    }

    [Fact]
    public async Task An_import_between_30_and_50_MB_is_read_and_one_over_50_MB_is_a_413_chunked_or_not()
    {
        using var writer = app.Writer();
        // 40 MB of a valid JSON array: whitespace around one report; it is read, validated and stored.
        var report = ApiClient.ValidReport("big-import-1").ToJsonString();
        var padded = "[" + new string(' ', 40 * 1024 * 1024) + report + "]";
        var within = await writer.PostAsync("/api/incidents/in-amenas/import", new StringContent(padded, Encoding.UTF8, "application/json"));
        var over = Encoding.UTF8.GetBytes("[" + new string(' ', 51 * 1024 * 1024) + report + "]");
        // A client that says what it is about to send hears the refusal before sending it (curl does this by itself).
        var tooLarge = await writer.SendAsync(LargePost(new ByteArrayContent(over), chunked: false));
        var tooLargeChunked = await writer.SendAsync(LargePost(new StreamContent(new MemoryStream(over)), chunked: true));

        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.StatusCode);
        Assert.Equal("application/problem+json", tooLargeChunked.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_csv_import_read_as_it_arrives_stops_at_50_MB_with_a_413_and_stores_nothing()
    {
        using var writer = app.Writer();
        var row = "csv-over-limit,2013-01-18T12:00:00+01:00,Press agency,media,Five dead.,hostages,killed,all,,5,exact\n";
        var csv = new StringBuilder("reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier\n");
        while (csv.Length <= 51 * 1024 * 1024)
            csv.Append(row);

        var tooLargeChunked = await writer.SendAsync(LargePost(new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))), chunked: true, "text/csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync("/api/incidents/in-amenas/reports/csv-over-limit")).StatusCode);
    }

    [Fact]
    public async Task No_response_names_the_server_software()
    {
        using var client = new HttpClient { BaseAddress = app.Address };
        var response = await client.GetAsync("/account/sign-in");

        Assert.False(response.Headers.Contains("Server"));
    }
}
