using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Tests.Api;

/// <summary>Small helpers for talking JSON to the API the way any client would.</summary>
public static class ApiClient
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode json) =>
        client.PostJsonAsync(url, json.ToJsonString());

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The field names a ProblemDetails' <c>errors</c> names.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        return problem["errors"]?.AsObject().Select(e => e.Key).Order().ToArray() ?? [];
    }

    /// <summary>A valid report about a test incident: one figure, reported at a fixed past moment.</summary>
    public static JsonObject ValidReport(string? id = null, int count = 5) => new()
    {
        ["id"] = id,
        ["reportedAt"] = "2013-01-18T12:00:00+01:00",
        ["source"] = new JsonObject { ["name"] = "Press agency", ["kind"] = "media" },
        ["statement"] = "Five hostages are dead.",
        ["figures"] = new JsonArray(new JsonObject
        {
            ["group"] = "hostages", ["status"] = "killed", ["scope"] = "all", ["count"] = count, ["qualifier"] = "exact",
        }),
    };

    public static JsonObject Figure(string group = "hostages", string status = "killed", string scope = "all", int count = 1, string qualifier = "exact") => new()
    {
        ["group"] = group, ["status"] = status, ["scope"] = scope, ["count"] = count, ["qualifier"] = qualifier,
    };

    public static async Task<JsonArray> TalliesAsync(this HttpClient client, string slug, string query = "")
    {
        var body = await client.GetFromJsonAsync<JsonObject>($"/api/incidents/{slug}/tallies{query}");
        return body!["tallies"]!.AsArray();
    }

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
