using Dashboard.Localization;
using Dashboard.Situation;

namespace Dashboard.Tests.Localization;

/// <summary>Country names in the reader's language: named, sorted and found as they read them.</summary>
public class CountryNameTests
{
    [Theory]
    [InlineData("en", "United Kingdom")]
    [InlineData("fr", "Royaume-Uni")]
    [InlineData("ja", "イギリス")]
    [InlineData("ar", "المملكة المتحدة")]
    public void A_country_is_named_in_the_readers_language(string language, string name) =>
        Assert.Equal(name, Languages.In(language, () => Countries.NameOf("GB")));

    [Theory]
    [InlineData("fr", "royaume-u", "GB")]
    [InlineData("fr", "alge", "DZ")]      // accents aside: Algérie
    [InlineData("ja", "イギ", "GB")]
    [InlineData("ja", "Norway", "NO")]    // the English name still finds it
    [InlineData("ar", "الجزا", "DZ")]
    [InlineData("ja", "NO", "NO")]        // the code first: Norway, never Oman
    public void The_scope_picker_finds_a_country_by_its_name_in_the_readers_language_its_english_name_or_its_code(string language, string typed, string code) =>
        Assert.Equal(code, Languages.In(language, () => Countries.Matching(typed, Countries.All).First()));

    [Fact]
    public void Names_are_sorted_as_the_readers_language_sorts_them()
    {
        string[] codes = ["GB", "JP", "DZ", "NO", "US"];

        Assert.Equal(["DZ", "JP", "NO", "GB", "US"], Languages.In("en", () => Countries.InReadingOrder(codes, c => c).ToArray()));
        Assert.Equal(["DZ", "US", "JP", "NO", "GB"], Languages.In("fr", () => Countries.InReadingOrder(codes, c => c).ToArray()));
        // Japanese: kana before kanji (アメリカ, アルジェリア, イギリス, ノルウェー, 日本).
        Assert.Equal(["US", "DZ", "GB", "NO", "JP"], Languages.In("ja", () => Countries.InReadingOrder(codes, c => c).ToArray()));
    }
}
