using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dashboard.Bench.Headless;

/// <summary>
/// What a prerendered interactive page hands its circuit: the start marker of each root component, as
/// <c>&lt;!--Blazor:{...}--&gt;</c> comments, and the persisted state. One GET's markers start many circuits, for five
/// minutes (their descriptors expire then), which is what lets thousands of circuits open without thousands of prerenders.
/// </summary>
public sealed partial record PageMarkers(Uri Page, IReadOnlyList<JsonObject> Roots, string ApplicationState, DateTimeOffset FetchedAt)
{
    // Descriptors are good for five minutes after the GET; a margin keeps a slow start from crossing it.
    public static readonly TimeSpan UsableFor = TimeSpan.FromMinutes(4);

    public static async Task<PageMarkers> FetchAsync(HttpClient http, Uri page)
    {
        var html = await http.GetStringAsync(page);
        var roots = StartMarker().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(marker => marker.ContainsKey("descriptor"))
            .OrderBy(marker => (int)marker["sequence"]!)
            .ToArray();
        if (roots.Length == 0)
            throw new InvalidOperationException($"{page} has no interactive server components (was it prerendered?)");
        var state = StateComment().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        return new PageMarkers(page, roots, state, DateTimeOffset.UtcNow);
    }

    public bool IsFresh => DateTimeOffset.UtcNow - FetchedAt < UsableFor;

    /// <summary>The UpdateRootComponents payload that adds every root, numbered 1, 2, … in page order as blazor.web.js does.</summary>
    public string AddOperations() => JsonSerializer.Serialize(new
    {
        batchId = 1,
        operations = Roots.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker }),
    });

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex StartMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]*)-->")]
    private static partial Regex StateComment();
}
