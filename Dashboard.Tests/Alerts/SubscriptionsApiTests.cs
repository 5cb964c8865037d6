using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Alerts;

/// <summary>GET/POST/DELETE /api/subscriptions as scripts and Analysts use them: each bad field named, nothing stored on refusal, audited.</summary>
public class SubscriptionsApiTests(AlertsAppFactory app) : IClassFixture<AlertsAppFactory>
{
    private async Task<int> StoredAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Subscriptions.CountAsync();
    }

    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_stored()
    {
        var before = await StoredAsync();
        var body = new JsonObject
        {
            ["incident"] = "no-such-incident", ["countries"] = new JsonArray("GB", "XX"), ["groups"] = new JsonArray("children"),
            ["statuses"] = new JsonArray("gone"), ["changes"] = new JsonArray("moved", "sometimes"), ["channel"] = "pigeon",
        };

        var response = await app.CreateWriter().PostJsonAsync("/api/subscriptions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["changes", "channel", "countries", "groups", "incident", "statuses"], await response.ErrorFieldsAsync());
        Assert.Equal(before, await StoredAsync());
    }

    [Theory]
    [InlineData("http://example.org/hook", "url")]
    [InlineData("ftp://127.0.0.1/hook", "url")]
    [InlineData("https://user:secret@example.org/hook", "url")]
    [InlineData(null, "url")]
    public async Task A_webhook_goes_only_to_https_or_to_an_allowed_plain_http_host(string? url, string field)
    {
        var response = await app.CreateWriter().PostJsonAsync("/api/subscriptions", AlertTestData.Subscription(null, "webhook", url: url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_key_makes_a_webhook_and_is_given_its_secret_once_then_lists_and_ends_it_each_audited()
    {
        var writer = app.CreateWriter();
        var made = await writer.PostJsonAsync("/api/subscriptions", AlertTestData.Subscription(null, "webhook", ["gb"], url: "https://desk.example.org/alerts"));

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var body = await made.JsonAsync();
        var id = body["id"]!.GetValue<long>();
        Assert.Equal($"/api/subscriptions/{id}", made.Headers.Location!.ToString());
        var secret = body["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal(["GB"], body["countries"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(body["incident"]);

        var listed = (await (await writer.GetAsync("/api/subscriptions")).JsonAsync()).AsArray().Single(s => s!["id"]!.GetValue<long>() == id)!;
        Assert.Null(listed["secret"]);
        Assert.Equal("https://desk.example.org/alerts", listed["url"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.DoesNotContain((await (await writer.GetAsync("/api/subscriptions")).JsonAsync()).AsArray(), s => s!["id"]!.GetValue<long>() == id);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var audit = await db.Audit.Where(a => a.Detail.StartsWith($"#{id} ")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["subscription created", "subscription ended"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("Ingest API key #1", a.Actor));
        Assert.All(audit, a => Assert.DoesNotContain(secret, a.Detail));
    }

    [Fact]
    public async Task An_analyst_subscribes_their_own_pages_but_a_webhook_is_for_admins_and_keys_and_a_page_needs_a_person()
    {
        var analyst = await app.SignedInClientAsync(Roles.Analyst);

        var page = await analyst.PostJsonAsync("/api/subscriptions", AlertTestData.Subscription(null, "page", ["JP"]));
        var webhook = await analyst.PostJsonAsync("/api/subscriptions", AlertTestData.Subscription(null, "webhook", url: "https://desk.example.org/alerts"));
        var keyPage = await app.CreateWriter().PostJsonAsync("/api/subscriptions", AlertTestData.Subscription(null, "page"));

        Assert.Equal(HttpStatusCode.Created, page.StatusCode);
        Assert.Null((await page.JsonAsync())["secret"]);
        Assert.Equal(HttpStatusCode.BadRequest, webhook.StatusCode);
        Assert.Equal(["channel"], await webhook.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, keyPage.StatusCode);
        Assert.Equal(["channel"], await keyPage.ErrorFieldsAsync());
        var mine = (await (await analyst.GetAsync("/api/subscriptions")).JsonAsync()).AsArray();
        Assert.Equal(["page"], mine.Select(s => s!["channel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_an_analysts_own_subscription_may_name_people_and_a_viewer_or_nobody_may_not_subscribe()
    {
        var named = AlertTestData.Subscription(null, "email", email: "desk@example.org");
        named["names"] = true;

        var byKey = await app.CreateWriter().PostJsonAsync("/api/subscriptions", named);
        var byAnalyst = await (await app.SignedInClientAsync(Roles.Analyst)).PostJsonAsync("/api/subscriptions", named);
        var byViewer = await (await app.SignedInClientAsync(Roles.Viewer)).PostJsonAsync("/api/subscriptions", named);
        var byNobody = await app.CreateClient().PostJsonAsync("/api/subscriptions", named);

        Assert.Equal(HttpStatusCode.BadRequest, byKey.StatusCode);
        Assert.Equal(["names"], await byKey.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.Created, byAnalyst.StatusCode);
        Assert.True((await byAnalyst.JsonAsync())["names"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
    }

    [Fact]
    public async Task A_misspelt_field_is_refused_by_name()
    {
        var body = AlertTestData.Subscription(null, "email", email: "desk@example.org");
        body["country"] = new JsonArray("GB");

        var response = await app.CreateWriter().PostJsonAsync("/api/subscriptions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("country", await response.Content.ReadAsStringAsync());
    }
}
