using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Api;

/// <summary>The <c>asOf</c> and <c>country</c> query parameters the read endpoints share.</summary>
public sealed record SituationQuery(DateTimeOffset? AsOf, CountryFilter Countries)
{
    public static bool TryParse(string? asOf, string? country, out SituationQuery query, out IDictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        DateTimeOffset? instant = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (IsoInstant.TryParse(asOf, out var parsed)) instant = parsed;
            else errors["asOf"] = [$"'{asOf}' is not understood. {IsoInstant.Expected}"];
        }
        var countries = CountryFilter.Parse(country, out var unknown);
        if (unknown.Count > 0)
            errors["country"] = [$"Not ISO 3166-1 alpha-2 country codes: {string.Join(", ", unknown)}."];
        query = new SituationQuery(instant, countries);
        return errors.Count == 0;
    }
}
