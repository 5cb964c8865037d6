using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Situation;

// Every enum travels as its kebab-case lowercase name ("dead-or-missing", "at-least").
public enum FigureGroup { Hostages, Militants, Security }

public enum FigureStatus { Killed, Injured, Missing, DeadOrMissing, Freed, Held, Total }

public enum Qualifier { Exact, Approximate, AtLeast, Provisional, Claimed }

public enum SourceKind { Government, Company, Media, Perpetrator, Witness, Other }

/// <summary>The wire names of the vocabulary, shared by the API, validation, seed and screens.</summary>
public static class Vocabulary
{
    public static readonly JsonNamingPolicy WireNaming = JsonNamingPolicy.KebabCaseLower;

    public static JsonStringEnumConverter EnumConverter() => new(WireNaming, allowIntegerValues: false);

    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        WireNaming.ConvertName(value.ToString());

    public static IReadOnlyList<string> WireNames<TEnum>() where TEnum : struct, Enum =>
        WireNameTable<TEnum>.Names;

    public static bool TryParse<TEnum>(string? wireName, out TEnum value) where TEnum : struct, Enum =>
        WireNameTable<TEnum>.ByName.TryGetValue(wireName ?? "", out value);

    private static class WireNameTable<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(v => WireName(v), StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> Names = ByName.Keys.ToArray();
    }
}

/// <summary>Scopes are "all", "foreign", "local" or an ISO 3166-1 alpha-2 code; the host country's code is stored as "local".</summary>
public static class Scopes
{
    public const string All = "all";
    public const string Foreign = "foreign";
    public const string Local = "local";

    public static bool IsAggregate(string scope) => scope is All or Foreign or Local;

    /// <summary>What a scope may be, as a refusal says it.</summary>
    public static string Expected => Localization.Say.Text("Valid.Scopes");

    /// <summary>Whether <paramref name="scope"/> names a scope, in any letter case, whatever the host country.</summary>
    public static bool IsValid(string scope) => Normalise(scope.Trim(), "") is var normalised && (IsAggregate(normalised) || Countries.IsKnown(normalised));

    /// <summary>The country a scope stands for, if any: a code, or the host country for "local".</summary>
    public static string? CountryOf(string scope, string hostCountry) =>
        scope == Local ? hostCountry : IsAggregate(scope) ? null : scope;

    public static string Normalise(string scope, string hostCountry) =>
        string.Equals(scope, hostCountry, StringComparison.OrdinalIgnoreCase) ? Local
        : IsAggregate(scope.ToLowerInvariant()) ? scope.ToLowerInvariant()
        : scope.ToUpperInvariant();
}
