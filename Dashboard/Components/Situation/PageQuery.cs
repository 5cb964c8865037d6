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
            problems.Add($"Ignored unknown country codes in the address: {string.Join(", ", unknown)}.");
        DateTimeOffset? asOf = null;
        if (!string.IsNullOrWhiteSpace(asOfQuery))
        {
            if (IsoInstant.TryParse(asOfQuery, out var moment)) asOf = moment;
            else problems.Add($"Ignored the moment “{asOfQuery}” in the address: {IsoInstant.Expected} Showing live.");
        }
        return (filter, asOf);
    }

    /// <summary>The earlier moment to say the changes since (<c>?since=…</c>), or null, saying what it leaves out.</summary>
    public static DateTimeOffset? Since(string? sinceQuery, DateTimeOffset asOf, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(sinceQuery))
            return null;
        if (!IsoInstant.TryParse(sinceQuery, out var since))
            problems.Add($"Ignored the moment “{sinceQuery}” to compare with: {IsoInstant.Expected}");
        else if (since >= asOf)
            problems.Add("Left out the changes: the moment to compare with must be earlier than the moment shown.");
        else
            return since;
        return null;
    }
}
