namespace Dashboard.Situation;

/// <summary>
/// The figures a page's "over time" panel charts: the hostages' headline outcomes (killed, freed, missing, still held)
/// for the nationalities shown, or in all when none is chosen, in the order a crisis room reads them.
/// </summary>
public static class ChartedKeys
{
    /// <summary>Enough to read at a glance; a page narrowed to many nationalities charts the first.</summary>
    public const int Most = 8;

    private static readonly FigureStatus[] Outcomes = [FigureStatus.Killed, FigureStatus.Freed, FigureStatus.Missing, FigureStatus.Held];

    public static IReadOnlyList<FigureKey> Of(SituationSnapshot situation, CountryFilter filter) => [.. situation.Tallies
        .Where(t => t.Group == FigureGroup.Hostages && t.Organisation is null && Outcomes.Contains(t.Status))
        .Where(t => filter.IsEmpty ? t.Scope == Scopes.All : !Scopes.IsAggregate(t.Scope) && filter.Includes(t.Scope, situation.Incident.HostCountry))
        .OrderBy(t => filter.IsEmpty ? "" : t.Scope, StringComparer.Ordinal)
        .ThenBy(t => Terms.ReadingRank(t.Group, t.Status))
        .Select(t => new FigureKey(t.Group, t.Status, t.Scope, t.Organisation))
        .Take(Most)];
}
