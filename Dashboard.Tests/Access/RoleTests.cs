using Microsoft.Extensions.DependencyInjection;
using Dashboard.Data;
using Dashboard.Situation;
using System.Net;
using Dashboard.Access;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Access;

/// <summary>Who may open which page and call which endpoint, with sign-in required, over real HTTP.</summary>
public class RoleTests(SignedInAppFactory app) : IClassFixture<SignedInAppFactory>
{
    private const string Situation = "/incidents/in-amenas";
    private const string History = "/incidents/in-amenas/history";
    private const string Wall = "/wall/in-amenas";
    private const string Tallies = "/api/incidents/in-amenas/tallies";
    private const string Export = "/api/incidents/in-amenas/export?format=csv";
    private const string OneReport = "/api/incidents/in-amenas/reports/in-amenas-sat-hague-britons";

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> OutcomeAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return response.StatusCode switch
        {
            HttpStatusCode.Redirect when response.Headers.Location!.ToString().Contains("/account/sign-in") => "sign in",
            HttpStatusCode.Redirect when response.Headers.Location!.ToString().Contains("/account/denied") => "denied",
            var code => ((int)code).ToString(),
        };
    }

    [Fact]
    public async Task Without_signing_in_pages_send_you_to_sign_in_and_the_api_answers_401()
    {
        var client = Anonymous();
        Assert.Equal("sign in", await OutcomeAsync(client, "/"));
        Assert.Equal("sign in", await OutcomeAsync(client, Situation));
        Assert.Equal("sign in", await OutcomeAsync(client, Wall));
        Assert.Equal("sign in", await OutcomeAsync(client, "/admin"));
        Assert.Equal("200", await OutcomeAsync(client, "/account/sign-in"));
        Assert.Equal("200", await OutcomeAsync(client, "/health/ready"));

        var tallies = await client.GetAsync(Tallies);
        Assert.Equal(HttpStatusCode.Unauthorized, tallies.StatusCode);
        Assert.Equal("application/problem+json", tallies.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/incidents")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Viewer, "200", "denied", "denied", "200", "403", "403")]
    [InlineData(Roles.Analyst, "200", "200", "denied", "200", "200", "200")]
    [InlineData(Roles.Admin, "200", "200", "200", "200", "200", "200")]
    public async Task Each_role_sees_what_it_may(string role, string situation, string history, string admin, string tallies, string export, string report)
    {
        var client = await app.SignedInClientAsync(role);

        Assert.Equal(situation, await OutcomeAsync(client, Situation));
        Assert.Equal("200", await OutcomeAsync(client, Wall));
        Assert.Equal(history, await OutcomeAsync(client, History));
        Assert.Equal(admin, await OutcomeAsync(client, "/admin"));
        Assert.Equal(tallies, await OutcomeAsync(client, Tallies));
        Assert.Equal(export, await OutcomeAsync(client, Export));
        Assert.Equal(report, await OutcomeAsync(client, OneReport));
        foreach (var read in OtherReads)
            Assert.Equal("200", await OutcomeAsync(client, read));
    }

    private static readonly string[] OtherReads =
        ["/api/incidents", "/api/incidents/in-amenas", "/api/incidents/in-amenas/countries", "/api/incidents/in-amenas/timeline"];

    [Fact]
    public async Task Nobody_signed_in_reads_an_incident_its_countries_or_its_timeline()
    {
        foreach (var read in OtherReads)
            Assert.Equal("401", await OutcomeAsync(Anonymous(), read));
    }

    [Fact]
    public async Task A_wall_token_made_for_chosen_incidents_opens_only_their_walls()
    {
        var other = await app.CreateIncidentAsync();
        var (_, secret) = await app.Services.GetRequiredService<CredentialStore>().IssueAsync(CredentialKind.WallToken, "Embassy wall", new Actor("test admin", null), [other.Slug]);
        var wall = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        Assert.Equal(HttpStatusCode.Forbidden, (await wall.GetAsync($"{Wall}?token={secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await wall.GetAsync($"/wall/{other.Slug}?token={secret}")).StatusCode);
        Assert.Equal("200", await OutcomeAsync(wall, $"/wall/{other.Slug}"));
        // Refused by the wall policy itself, as every page refuses: the access-denied page.
        Assert.Equal("denied", await OutcomeAsync(wall, Wall));
    }

    [Fact]
    public async Task A_wall_display_token_reads_the_wall_and_nothing_of_the_api()
    {
        var (_, secret) = await app.Services.GetRequiredService<CredentialStore>().IssueAsync(CredentialKind.WallToken, "Role test wall", new Actor("test admin", null));
        var wall = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await wall.GetAsync($"{Wall}?token={secret}")).StatusCode);

        Assert.Equal("200", await OutcomeAsync(wall, Wall));
        foreach (var read in OtherReads.Append(Tallies).Append(Export).Append(OneReport))
            Assert.Equal("403", await OutcomeAsync(wall, read));
        Assert.Equal("denied", await OutcomeAsync(wall, Situation));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Admin)]
    public async Task A_signed_in_person_still_writes_through_the_api_only_with_a_key(string role)
    {
        var client = await app.SignedInClientAsync(role);
        var before = await app.Situation.CountReportsAsync("in-amenas");

        var response = await client.PostJsonAsync("/api/incidents/in-amenas/reports", ApiClient.ValidReport());
        var retract = await client.PostJsonAsync(OneReport + "/retract", new System.Text.Json.Nodes.JsonObject { ["reason"] = "no" });
        var import = await client.PostAsync("/api/incidents/in-amenas/import", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, retract.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode);
        Assert.Equal(before, await app.Situation.CountReportsAsync("in-amenas"));
    }

    [Fact]
    public async Task The_analyst_page_shows_named_people_tools_the_viewer_page_does_not()
    {
        var analyst = await (await app.SignedInClientAsync(Roles.Analyst)).GetStringAsync(Situation);
        var viewer = await (await app.SignedInClientAsync(Roles.Viewer)).GetStringAsync(Situation);

        Assert.Contains("New report", analyst);
        Assert.Contains("People named in reports", analyst);
        Assert.DoesNotContain("New report", viewer);
        Assert.DoesNotContain("People named in reports", viewer);
        Assert.Contains("Sign out", viewer);
    }

    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.Analyst, true)]
    public async Task The_sources_own_words_which_can_name_people_come_with_the_tallies_only_for_analysts(string role, bool withStatements)
    {
        var client = await app.SignedInClientAsync(role);

        var tallies = (await (await client.GetAsync(Tallies)).JsonAsync())["tallies"]!.AsArray();

        Assert.NotEmpty(tallies);
        Assert.All(tallies, t => Assert.Equal(withStatements, t!.AsObject().ContainsKey("statement")));
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_token_and_ends_the_session()
    {
        var client = await app.SignedInClientAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal("200", await OutcomeAsync(client, Situation));

        var page = await client.GetStringAsync(Situation);
        var signedOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(page),
        }));

        Assert.StartsWith("/account/sign-in", signedOut.Headers.Location!.ToString());
        Assert.Equal("sign in", await OutcomeAsync(client, Situation));
    }
}

/// <summary>Outside Development the situation needs sign-in unless Access:RequireSignIn says otherwise.</summary>
public class ProductionDefaultTests
{
    private sealed class ProductionApp : DashboardFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public async Task In_production_reading_needs_sign_in_by_default()
    {
        using var app = new ProductionApp();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/incidents/in-amenas/tallies")).StatusCode);
        Assert.Contains("/account/sign-in", (await client.GetAsync("/incidents/in-amenas")).Headers.Location!.ToString());
    }
}
