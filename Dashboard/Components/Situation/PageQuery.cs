using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Components.Situation;

/// <summary>
/// The nationalities and moment a page is asked for in its address (<c>?country=GB,JP&amp;asOf=…</c>). A page is lenient
/// where the API is strict: what it does not understand it leaves out, and says so in <paramref name="problems"/>.
/// </summary>
public static class PageQuery
{
    public static (CountryFilter Filter, DateTimeOffset? AsOf) Read(string? countryQuery, string? asOfQuery, ICollection<string> problems)
    {
        var filter = CountryFilter.Parse(countryQuery, out var unknown);
        if (unknown.Count > 0)
            problems.Add(Localization.Say.Format("Query.IgnoredCountries", string.Join(", ", unknown)));
        DateTimeOffset? asOf = null;
        if (!string.IsNullOrWhiteSpace(asOfQuery))
        {
            if (IsoInstant.TryParse(asOfQuery, out var moment)) asOf = moment;
            else problems.Add(Localization.Say.Format("Query.IgnoredAsOf", asOfQuery, IsoInstant.Expected));
        }
        return (filter, asOf);
    }

    /// <summary>The earlier moment to say the changes since (<c>?since=…</c>), or null, saying what it leaves out.</summary>
    public static DateTimeOffset? Since(string? sinceQuery, DateTimeOffset asOf, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(sinceQuery))
            return null;
        if (!IsoInstant.TryParse(sinceQuery, out var since))
            problems.Add(Localization.Say.Format("Query.IgnoredSince", sinceQuery, IsoInstant.Expected));
        else if (since >= asOf)
            problems.Add(Localization.Say.Text("Query.LeftOutChanges"));
        else
            return since;
        return null;
    }
}
