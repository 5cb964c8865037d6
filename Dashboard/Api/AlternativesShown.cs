using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dashboard.Situation;

namespace Dashboard.Api;

/// <summary>
/// How much of the figures that disagree with each headline a tallies answer carries (<c>?alternatives=</c>): every one
/// (<c>all</c>, the default), only how many (<c>count</c>: <c>alternativeCount</c> in place of <c>alternatives</c>), or
/// none. At a million figures the alternatives are nearly all of the answer's bytes; a ticker or a map needs none.
/// </summary>
public enum AlternativesShown { All, Count, None }

public static class Alternatives
{
    public const string Parameter = "alternatives";
    public const string CountProperty = "alternativeCount";

    public static IReadOnlyList<string> Values { get; } = ["all", "count", "none"];

    public const string Description =
        "How much of the figures that disagree with each headline to give: all (the default) lists them; count gives " +
        "alternativeCount in their place; none leaves them out.";

    public static bool TryParse(string? text, out AlternativesShown shown, IDictionary<string, string[]> errors)
    {
        shown = AlternativesShown.All;
        if (string.IsNullOrEmpty(text))
            return true;
        var index = Values.ToList().IndexOf(text.ToLowerInvariant());
        if (index >= 0)
        {
            shown = (AlternativesShown)index;
            return true;
        }
        errors[Parameter] = [$"'{text}' is not one of {string.Join(", ", Values)}."];
        return false;
    }

    /// <summary>The API's JSON options for each choice, in the enum's order: each tally's alternatives written as it says.</summary>
    public static JsonSerializerOptions[] OptionsFor(JsonSerializerOptions api) =>
        Enum.GetValues<AlternativesShown>().Select(shown => shown == AlternativesShown.All ? api : new JsonSerializerOptions(api)
        {
            TypeInfoResolver = (api.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(info => Shape(info, shown, api)),
        }).ToArray();

    private static void Shape(JsonTypeInfo info, AlternativesShown shown, JsonSerializerOptions api)
    {
        if (info.Type != typeof(Tally))
            return;
        var name = api.PropertyNamingPolicy?.ConvertName(nameof(Tally.Alternatives)) ?? nameof(Tally.Alternatives);
        var at = info.Properties.ToList().FindIndex(p => p.Name == name);
        if (at < 0)
            return;
        info.Properties.RemoveAt(at);
        if (shown != AlternativesShown.Count)
            return;
        var count = info.CreateJsonPropertyInfo(typeof(int), CountProperty);
        count.Get = tally => ((Tally)tally).Alternatives.Count;
        info.Properties.Insert(at, count);
    }
}
