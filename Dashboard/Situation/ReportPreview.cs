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
                warnings.Add(Localization.Say.Format("Preview.GoesDown", Describe(figure.Key, incident), before.Count, figure.Count, report.Source.Name));
        }
        warnings.AddRange(ConflictsAfter(report, liveTallies, after, incident));
        return new ReportPreview(changes, warnings);
    }

    // The parts and wholes the report would leave contradicting each other, checked as every screen checks them, each
    // pair said once (from whichever side reads first) when the report touches either side.
    private static IEnumerable<string> ConflictsAfter(NewReport report, IReadOnlyList<Tally> liveTallies, Dictionary<FigureKey, (int Count, Qualifier Qualifier)> after, Incident incident)
    {
        var touched = report.Figures.Select(f => f.Key).ToHashSet();
        var byKey = liveTallies.ToDictionary(t => t.Key);
        foreach (var figure in report.Figures.Where(f => after[f.Key] == (f.Count, f.Qualifier)))
            byKey[figure.Key] = new Tally(figure.Group, figure.Status, figure.Scope, figure.Organisation, figure.Count, figure.Qualifier,
                report.Source, report.ReportedAt, report.Statement, report.Id, []);
        var checkedTallies = PartsAndWholes.Checked([.. byKey.Values.Select(t => t with { Conflicts = [] }).OrderBy(t => t, Comparer<Tally>.Create(TallyOrder.Compare))], incident.HostCountry);
        var said = new HashSet<(FigureKey, FigureKey)>();
        foreach (var tally in checkedTallies)
            foreach (var conflict in tally.Conflicts)
            {
                if (!touched.Contains(tally.Key) && !touched.Contains(conflict.With) || said.Contains((conflict.With, tally.Key)))
                    continue;
                said.Add((tally.Key, conflict.With));
                yield return Localization.Say.Format("Preview.Conflict", Describe(tally.Key, incident), conflict.Says);
            }
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
        key.Organisation is null
            ? Localization.Say.Format("Preview.Key", Terms.Heading(key.Group, key.Status), Terms.ScopeWords(key.Scope, incident.HostCountry))
            : Localization.Say.Format("Preview.KeyOrganisation", Terms.Heading(key.Group, key.Status), Terms.ScopeWords(key.Scope, incident.HostCountry), key.Organisation);
}
