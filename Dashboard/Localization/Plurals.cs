namespace Dashboard.Localization;

/// <summary>
/// Which plural form a count takes in a language (CLDR's cardinal categories for the app's languages): English one/other,
/// French one (0 and 1)/other, Japanese other only, Arabic zero/one/two/few/many/other.
/// </summary>
public static class Plurals
{
    public static string Category(string language, long count) => language switch
    {
        "ja" => "other",
        "fr" => count is 0 or 1 ? "one" : "other",
        "ar" => count switch
        {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ when count % 100 is >= 3 and <= 10 => "few",
            _ when count % 100 is >= 11 and <= 99 => "many",
            _ => "other",
        },
        _ => count == 1 ? "one" : "other",
    };

    /// <summary>The categories a language's resources must give every counted phrase.</summary>
    public static IReadOnlyList<string> CategoriesOf(string language) => language switch
    {
        "ja" => ["other"],
        "ar" => ["zero", "one", "two", "few", "many", "other"],
        _ => ["one", "other"],
    };
}
