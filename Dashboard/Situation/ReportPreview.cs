namespace Dashboard.Situation;

/// <summary>What saving one figure would do to its key's headline.</summary>
/// <param name="Before">The headline now; null when nothing was reported for the key yet.</param>
/// <param name="BecomesHeadline">The new figure would be the headline.</param>
/// <param name="DisplacedBecomesAlternative">The headline it replaces stays beside it as a contradicting figure.</param>
/// <param name="BecomesAlternative">The new figure would stand beside the headline as a contradicting figure.</param>
public sealed record HeadlineChange(FigureKey Key, Tally? Before, Figure Figure, bool BecomesHeadline, bool DisplacedBecomesAlternative, bool BecomesAlternative);

/// <summary>What a report would change before it is saved, and what in it looks inconsistent (shown, never blocking).</summary>
public sealed record ReportPreview(IReadOnlyList<HeadlineChange> Changes, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Applies the headline rule to the live headline and the figures beside it with the new figure among them, so the
    /// preview says what saving would do. Then checks the headlines the report would leave behind.
    /// </summary>
    public static ReportPreview Of(NewReport report, IReadOnlyList<Tally> liveTallies, Incident incident)
    {
        var live = liveTallies.ToDictionary(t => t.Key);
        var after = liveTallies.ToDictionary(t => t.Key, t => (t.Count, t.Qualifier));
        var changes = new List<HeadlineChange>();
        var warnings = new List<string>();
        foreach (var figure in report.Figures)
        {
            live.TryGetValue(figure.Key, out var before);
            var wins = before is null || WouldLead(report, figure, before);
            var differs = before is not null && before.Count != figure.Count;
            changes.Add(new HeadlineChange(figure.Key, before, figure, wins, wins && differs, !wins && differs));
            if (!wins)
                continue;
            after[figure.Key] = (figure.Count, figure.Qualifier);

            var knownSources = before is null ? [] : before.Alternatives.Select(a => a.Source.Name).Append(before.Source.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (before is not null && figure.Count < before.Count && knownSources.Contains(report.Source.Name)
                && Terms.Of(figure.Status).OnlyRises)
                warnings.Add($"{Describe(figure.Key, incident)} goes down from {before.Count} to {figure.Count}, and {report.Source.Name} has reported it before: no new source says so.");
        }
        foreach (var group in report.Figures.Select(f => (f.Group, f.Status, f.Organisation)).Distinct())
            CheckCountriesAgainstAll(group.Group, group.Status, group.Organisation, after, incident, warnings);
        foreach (var group in report.Figures.Where(f => f.Scope == Scopes.All && f.Organisation is null).Select(f => f.Group).Distinct())
            CheckOutcomesAgainstTotal(group, after, incident, warnings);
        return new ReportPreview(changes, warnings);
    }

    // The nationalities' figures (host country included) cannot add up to more than the figure for everyone.
    private static void CheckCountriesAgainstAll(FigureGroup group, FigureStatus status, string? organisation,
        Dictionary<FigureKey, (int Count, Qualifier Qualifier)> after, Incident incident, List<string> warnings)
    {
        if (!after.TryGetValue(new FigureKey(group, status, Scopes.All, organisation), out var all))
            return;
        var countries = after.Where(a => a.Key.Group == group && a.Key.Status == status && a.Key.Organisation == organisation
            && Scopes.CountryOf(a.Key.Scope, incident.HostCountry) is not null).ToArray();
        var sum = countries.Sum(c => c.Value.Count);
        if (sum > all.Count && !Terms.Of(all.Qualifier).Widens)
            warnings.Add($"The nationalities' figures for {Describe(new FigureKey(group, status, Scopes.All, organisation), incident)} add up to {sum}, more than the {all.Count} given for everyone.");
    }

    // Outcomes (killed, freed, missing) are what became of people who were there: together they cannot exceed how many there were.
    private static void CheckOutcomesAgainstTotal(FigureGroup group, Dictionary<FigureKey, (int Count, Qualifier Qualifier)> after, Incident incident, List<string> warnings)
    {
        if (!after.TryGetValue(new FigureKey(group, FigureStatus.Total, Scopes.All, null), out var total))
            return;
        int CountOf(FigureStatus status) => after.TryGetValue(new FigureKey(group, status, Scopes.All, null), out var f) ? f.Count : 0;
        var outcomes = Terms.Statuses.Where(s => s.IsOutcome).ToArray();
        var sum = outcomes.Sum(s => CountOf(s.Status));
        if (sum > total.Count && !Terms.Of(total.Qualifier).Widens)
            warnings.Add($"{Terms.Of(group).Words} {string.Join(", ", outcomes.Select(s => s.Words))} add up to {sum}, more than the {total.Count} known to have been at the site.");
    }

    // The live headline and its alternatives are each the latest of what one source said, which is what the rule takes;
    // the new figure is stored after all of them.
    private static bool WouldLead(NewReport report, Figure figure, Tally before)
    {
        var sequence = 0;
        ReportedFigure Standing(int count, Qualifier qualifier, Source source, DateTimeOffset at) =>
            new(figure with { Count = count, Qualifier = qualifier }, source, at, "", "", sequence++);
        var candidates = before.Alternatives.OrderBy(a => a.ReportedAt)
            .Select(a => Standing(a.Count, a.Qualifier, a.Source, a.ReportedAt))
            .Append(Standing(before.Count, before.Qualifier, before.Source, before.ReportedAt))
            .ToList();
        var added = new ReportedFigure(figure, report.Source, report.ReportedAt, report.Statement, report.Id, long.MaxValue);
        candidates.Add(added);
        return ReferenceEquals(HeadlineRule.PickHeadline(candidates), added);
    }

    public static string Describe(FigureKey key, Incident incident) =>
        $"{Terms.Heading(key.Group, key.Status)} ({Terms.ScopeWords(key.Scope, incident.HostCountry)}{(key.Organisation is null ? "" : ", " + key.Organisation)})";
}
