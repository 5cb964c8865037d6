namespace Dashboard.Situation;

/// <summary>
/// A set of nationalities to narrow the situation to; empty means everything. The host country's code also
/// selects figures scoped "local".
/// </summary>
public sealed class CountryFilter
{
    public static readonly CountryFilter None = new(new HashSet<string>());

    private CountryFilter(IReadOnlySet<string> codes) => Codes = codes;

    public IReadOnlySet<string> Codes { get; }

    public bool IsEmpty => Codes.Count == 0;

    /// <summary>Parses "GB,JP" (case-insensitive); unknown codes are returned so the caller can refuse them.</summary>
    public static CountryFilter Parse(string? commaSeparated, out IReadOnlyList<string> unknown)
    {
        var parts = (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        unknown = parts.Where(p => !Countries.IsKnown(p.ToUpperInvariant())).ToArray();
        return new CountryFilter(parts.Select(p => p.ToUpperInvariant()).Where(Countries.IsKnown).ToHashSet(StringComparer.Ordinal));
    }

    public static CountryFilter Of(IEnumerable<string> codes) => new(codes.ToHashSet(StringComparer.Ordinal));

    public bool Includes(string scope, string hostCountry) =>
        IsEmpty || Scopes.CountryOf(scope, hostCountry) is { } country && Codes.Contains(country);

    public IReadOnlyList<Tally> Tallies(SituationSnapshot situation) => IsEmpty
        ? situation.Tallies
        : situation.Tallies.Where(t => Includes(t.Scope, situation.Incident.HostCountry)).ToArray();

    /// <summary>
    /// The headlines a page narrowed to these nationalities shows: the overall figures ("in all", "foreign", "local")
    /// beside the chosen nationalities' own; companies' figures, which have no nationality, only when not narrowed.
    /// </summary>
    public IReadOnlyList<Tally> TalliesWithOverall(SituationSnapshot situation) => IsEmpty
        ? situation.Tallies
        : situation.Tallies.Where(t => t.Organisation is null && (Scopes.IsAggregate(t.Scope) || Includes(t.Scope, situation.Incident.HostCountry))).ToArray();

    public IReadOnlyList<CountryBreakdown> Breakdowns(SituationSnapshot situation) => IsEmpty
        ? situation.Countries
        : situation.Countries.Where(c => Codes.Contains(c.Country)).ToArray();

    public IReadOnlyList<TimelineEntry> Timeline(IReadOnlyList<TimelineEntry> timeline) => IsEmpty
        ? timeline
        : timeline.Where(e => e.Countries.Any(Codes.Contains)).ToArray();
}
