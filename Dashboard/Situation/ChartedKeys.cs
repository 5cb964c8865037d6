namespace Dashboard.Situation;

/// <summary>
/// The figures a page's "over time" panel charts: with no nationality chosen, the headline figures (the hostages'
/// outcomes and the militants and security forces killed, in all, foreign and local); with some chosen, the hostages'
/// outcomes for each of them. In the order a crisis room reads them.
/// </summary>
public static class ChartedKeys
{
    /// <summary>Enough to read at a glance; a page narrowed to many nationalities charts the first.</summary>
    public const int Most = 8;

    private static readonly FigureStatus[] Outcomes = [FigureStatus.Killed, FigureStatus.Freed, FigureStatus.Missing, FigureStatus.Held];

    public static IReadOnlyList<FigureKey> Of(SituationSnapshot situation, CountryFilter filter) => [.. situation.Tallies
        .Where(t => t.Organisation is null && Outcomes.Contains(t.Status))
        .Where(t => filter.IsEmpty
            ? Scopes.IsAggregate(t.Scope) && (t.Group == FigureGroup.Hostages || t.Status == FigureStatus.Killed)
            : t.Group == FigureGroup.Hostages && !Scopes.IsAggregate(t.Scope) && filter.Includes(t.Scope, situation.Incident.HostCountry))
        .OrderBy(t => filter.IsEmpty ? "" : t.Scope, StringComparer.Ordinal)
        .ThenBy(t => Terms.ReadingRank(t.Group, t.Status))
        .Select(t => t.Key)
        .Take(Most)];
}
