using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Localization;

/// <summary>
/// Every word the app shows, per language: <c>Text.resx</c> (English, and the fallback for anything not translated) and
/// <c>Text.fr.resx</c>, <c>Text.ja.resx</c>, <c>Text.ar.resx</c>. Everything asks <see cref="Say"/>, an
/// <c>IStringLocalizer</c> over them in the page's language (the UI culture the request, or the live page's connection,
/// was given): components and the markup built for them in C# alike, and no component holds a localizer of its own
/// (each would cost every open page memory, as every component field does).
/// </summary>
public sealed class Text;

/// <summary>The app's words in the current UI culture, and numbers and dates in its culture.</summary>
public static class Say
{
    public static IStringLocalizer Localizer { get; } = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Text));

    /// <summary>The culture numbers and dates are written in: the page's, or British English where none was set.</summary>
    public static CultureInfo Culture =>
        CultureInfo.CurrentCulture.Name.Length == 0 || Languages.Current == Languages.Default ? EnglishCulture : CultureInfo.CurrentCulture;

    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Text(string key) => Localizer[key].Value;

    /// <summary>A phrase with its values put where the language puts them: "{0} via {1}".</summary>
    public static string Format(string key, params object?[] values) => string.Format(Culture, Text(key), values);

    /// <summary>A phrase about a count in the form the count takes: "Counted.Days" reads "Counted.Days.one" for 1 in English.</summary>
    public static string Count(string key, long count, params object?[] more)
    {
        var category = Plurals.Category(Languages.Current, count);
        var found = Localizer[$"{key}.{category}"];
        var pattern = found.ResourceNotFound ? Text($"{key}.other") : found.Value;
        return string.Format(Culture, pattern, [count, .. more]);
    }

    /// <summary>A phrase with elements in it (a link, code): the phrase's own words encoded, the elements' markup as given.</summary>
    public static Microsoft.AspNetCore.Components.MarkupString Markup(string key, params string[] elements) =>
        new(string.Format(Culture, System.Net.WebUtility.HtmlEncode(Text(key)), elements));

    /// <summary>A phrase around one element ("trying again in {0} seconds"): the words before its place and after.</summary>
    public static (string Before, string After) Around(string key)
    {
        var pattern = Text(key);
        var at = pattern.IndexOf("{0}", StringComparison.Ordinal);
        return at < 0 ? (pattern, "") : (pattern[..at], pattern[(at + 3)..]);
    }

    /// <summary>A date or time in the page's culture, by a pattern the language gives ("Format.DayTime").</summary>
    public static string Date(DateTimeOffset local, string patternKey) => local.ToString(Text(patternKey), Culture);

    /// <summary>A number in the page's culture.</summary>
    public static string Number(long value) => value.ToString("N0", Culture);
}
