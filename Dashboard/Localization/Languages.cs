using System.Globalization;

namespace Dashboard.Localization;

/// <param name="Code">The culture's name, as <c>?lang=</c> takes it: "ja".</param>
/// <param name="NativeName">How its readers call it, on the picker: "日本語".</param>
public sealed record Language(string Code, string NativeName);

/// <summary>The languages a reader may read the app in, and which one a page is in.</summary>
public static class Languages
{
    public const string Default = "en";

    /// <summary><c>?lang=ja</c> on any address: a wall's address fixes its language.</summary>
    public const string QueryKey = "lang";

    public const string CookieName = "dashboard-language";

    /// <summary>The claim that carries a signed-in person's choice (kept with the account).</summary>
    public const string AccountClaim = "dashboard:language";

    public static IReadOnlyList<Language> All { get; } =
    [
        new("en", "English"),
        new("fr", "Français"),
        new("ja", "日本語"),
        new("ar", "العربية"),
    ];

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [.. All.Select(l => CultureInfo.GetCultureInfo(l.Code))];

    /// <summary>The supported language a code names ("fr-CA" and "FR" read as "fr"), or null.</summary>
    public static string? Supported(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            return null;
        var language = code.Split('-', '_')[0].Trim().ToLowerInvariant();
        return All.FirstOrDefault(l => l.Code == language)?.Code;
    }

    /// <summary>The language this page is read in (the invariant culture, as in tests that set none, reads as English).</summary>
    public static string Current => Supported(CultureInfo.CurrentUICulture.Name) ?? Default;

    /// <summary>Where the page's language stands in <see cref="All"/>: a slot in what is kept once per language.</summary>
    public static int IndexOfCurrent => Slots[Current];

    private static readonly Dictionary<string, int> Slots = All.Select((language, slot) => (language.Code, slot)).ToDictionary();

    /// <summary>Whether the page reads right to left (Arabic).</summary>
    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    /// <summary>"rtl" or "ltr", for <c>dir</c>.</summary>
    public static string Direction => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>Runs <paramref name="work"/> with the page's language set to <paramref name="code"/>, for work outside a request.</summary>
    public static T In<T>(string code, Func<T> work)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var chosen = CultureInfo.GetCultureInfo(Supported(code) ?? Default);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = chosen;
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture); }
    }
}
