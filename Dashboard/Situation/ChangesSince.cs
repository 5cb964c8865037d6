namespace Dashboard.Situation;

/// <summary>A headline that is not what it was: a new figure took over, one appeared, or one went away (retracted).</summary>
public sealed record HeadlineShift(FigureKey Key, Tally? Before, Tally? After)
{
    /// <summary>Whoever reads it would call it a move: the number or its qualifier changed, or the figure came or went.</summary>
    public static bool Moved(Tally? before, Tally? after) =>
        before is null || after is null || before.Count != after.Count || before.Qualifier != after.Qualifier;

    /// <summary>The move in words (<see cref="MoveWords"/>): "23 → at least 40", "first confirmed figure 37 (the perpetrators had claimed 35)".</summary>
    public string Says => MoveWords.Move(MoveWords.Side.Of(Before), MoveWords.Side.Of(After));
}

/// <summary>A report withdrawn with all its figures, or some of its figures alone: which went, when and why.</summary>
public sealed record Withdrawal(Report Report, Retraction Retraction, IReadOnlyList<Figure> Figures, bool WholeReport);

/// <summary>A claim (the perpetrators' word, or a figure marked claimed) first reported between the two moments.</summary>
public sealed record NewClaim(FigureKey Key, int Count, Source Source, DateTimeOffset ReportedAt, bool IsHeadline);

/// <summary>
/// What changed between two moments of an incident, for a shift handover or a briefing: the headlines that moved, the
/// nationalities that first had figures, the claims first made, the reports retracted, and the events in between.
/// Worked out from the two views as they stood, so it says what a reader of each would have seen.
/// </summary>
public sealed record ChangesSince(
    DateTimeOffset Since,
    DateTimeOffset AsOf,
    IReadOnlyList<HeadlineShift> Headlines,
    IReadOnlyList<string> NewNationalities,
    IReadOnlyList<NewClaim> NewClaims,
    IReadOnlyList<Withdrawal> Retractions,
    IReadOnlyList<TimelineEntry> Events)
{
    public bool IsEmpty => Headlines.Count == 0 && NewNationalities.Count == 0 && NewClaims.Count == 0 && Retractions.Count == 0 && Events.Count == 0;

    /// <param name="before">The view at the earlier moment.</param>
    /// <param name="after">The view at the later moment, narrowed to the same nationalities.</param>
    /// <param name="retracted">Reports whose retraction falls between the two moments.</param>
    public static ChangesSince Between(
        DateTimeOffset since, DateTimeOffset asOf,
        (IReadOnlyList<Tally> Tallies, IReadOnlyList<CountryBreakdown> Countries) before,
        (IReadOnlyList<Tally> Tallies, IReadOnlyList<CountryBreakdown> Countries, IReadOnlyList<TimelineEntry> Timeline) after,
        IEnumerable<Withdrawal> retracted)
    {
        var earlier = before.Tallies.ToDictionary(t => t.Key);
        var later = after.Tallies.ToDictionary(t => t.Key);
        var headlines = after.Tallies
            .Select(t => new HeadlineShift(t.Key, earlier.GetValueOrDefault(t.Key), t))
            .Concat(before.Tallies.Where(t => !later.ContainsKey(t.Key)).Select(t => new HeadlineShift(t.Key, t, null)))
            .Where(c => HeadlineShift.Moved(c.Before, c.After))
            .ToArray();

        var hadFigures = before.Countries.Select(c => c.Country).ToHashSet(StringComparer.Ordinal);
        var newNationalities = after.Countries.Select(c => c.Country).Where(c => !hadFigures.Contains(c)).ToArray();

        bool Between(DateTimeOffset at) => at > since && at <= asOf;
        var claims = after.Tallies
            .SelectMany(t => t.Alternatives
                .Where(a => a.Relation == AlternativeRelation.Claim && Between(a.ReportedAt))
                .Select(a => new NewClaim(t.Key, a.Count, a.Source, a.ReportedAt, IsHeadline: false))
                .Prepend(new NewClaim(t.Key, t.Count, t.Source, t.ReportedAt, IsHeadline: true))
                .Where(c => !c.IsHeadline || (AlternativeRelations.IsClaimLike(t.Qualifier, t.Source) && Between(t.ReportedAt))))
            .OrderBy(c => c.ReportedAt)
            .ToArray();

        return new ChangesSince(since, asOf, headlines, newNationalities, claims,
            retracted.Where(w => Between(w.Retraction.At)).OrderBy(w => w.Retraction.At).ToArray(),
            after.Timeline.Where(e => Between(e.At)).ToArray());
    }
}
