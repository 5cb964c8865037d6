using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Situation.Ingestion;

/// <summary>ISO 8601 instants that say which offset they are in: a time without one would be read in the server's zone.</summary>
public static partial class IsoInstant
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z")]
    private static partial Regex Shape();

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null)
            return false;
        // An unencoded '+' in a query string arrives as a space: "2013-01-18T23:00:00 01:00".
        var candidate = text.Length > 6 && text[^6] == ' ' ? string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5)) : text;
        return Shape().IsMatch(candidate)
            && DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    public static string Expected => Localization.Say.Text("Valid.IsoInstant");
}
