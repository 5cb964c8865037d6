using System.Globalization;

namespace Dashboard.Components.Briefing;

/// <summary>The address of the situation report (or its PDF) for a moment, nationalities and an earlier moment to compare with.</summary>
public static class SitrepAddress
{
    public static string Page(string slug, DateTimeOffset? asOf, IEnumerable<string> countries, DateTimeOffset? since = null) =>
        $"incidents/{slug}/sitrep" + Query(asOf, countries, since);

    public static string Pdf(string slug, DateTimeOffset? asOf, IEnumerable<string> countries, DateTimeOffset? since = null) =>
        $"api/incidents/{slug}/sitrep.pdf" + Query(asOf, countries, since);

    private static string Query(DateTimeOffset? asOf, IEnumerable<string> countries, DateTimeOffset? since)
    {
        var query = new List<string>(4);
        if (asOf is { } moment)
            query.Add("asOf=" + Instant(moment));
        if (countries.Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } codes)
            query.Add("country=" + string.Join(",", codes));
        if (since is { } earlier)
            query.Add("since=" + Instant(earlier));
        // The report, or its PDF, in the language of the page that links to it.
        if (Localization.Languages.Current != Localization.Languages.Default)
            query.Add($"{Localization.Languages.QueryKey}={Localization.Languages.Current}");
        return query.Count > 0 ? "?" + string.Join("&", query) : "";
    }

    private static string Instant(DateTimeOffset moment) =>
        Uri.EscapeDataString(moment.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
}
