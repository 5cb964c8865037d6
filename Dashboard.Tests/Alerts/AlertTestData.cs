using System.Text.Json.Nodes;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Alerts;

/// <summary>Reports and subscriptions as scripts send them.</summary>
public static class AlertTestData
{
    /// <summary>A report of hostages killed by nationality, which names a Japanese hostage.</summary>
    public static JsonObject Killed(string id, string reportedAt, params (string Scope, int Count)[] killed) => new()
    {
        ["id"] = id,
        ["reportedAt"] = reportedAt,
        ["source"] = new JsonObject { ["name"] = "Kyodo", ["kind"] = "media" },
        ["statement"] = "Hostages are dead.",
        ["figures"] = new JsonArray([.. killed.Select(k => (JsonNode)ApiClient.Figure(scope: k.Scope, count: k.Count))]),
        ["people"] = new JsonArray(new JsonObject { ["name"] = "Kenji Tanaka", ["nationality"] = "JP", ["status"] = "killed" }),
    };

    public static JsonObject Subscription(string? incident, string channel, string[]? countries = null, string? url = null, string? email = null,
        string[]? changes = null)
    {
        var body = new JsonObject
        {
            ["incident"] = incident,
            ["countries"] = new JsonArray([.. (countries ?? []).Select(c => (JsonNode)c)]),
            ["groups"] = new JsonArray(),
            ["statuses"] = new JsonArray(),
            ["changes"] = new JsonArray([.. (changes ?? []).Select(c => (JsonNode)c)]),
            ["channel"] = channel,
        };
        if (url is not null) body["url"] = url;
        if (email is not null) body["email"] = email;
        return body;
    }

    /// <summary>Subscribes with the API key; the created subscription's JSON.</summary>
    public static async Task<JsonNode> SubscribeAsync(this DashboardFactory app, JsonObject subscription)
    {
        var response = await app.CreateWriter().PostJsonAsync("/api/subscriptions", subscription);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task PostReportAsync(this DashboardFactory app, string slug, JsonObject report) =>
        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", report)).EnsureSuccessStatusCode();
}
