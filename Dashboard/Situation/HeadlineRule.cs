namespace Dashboard.Situation;

/// <summary>One figure as it was reported: the unit the headline rule works on.</summary>
public sealed record ReportedFigure(Figure Figure, Source Source, DateTimeOffset ReportedAt, string Statement, string ReportId, long Sequence)
{
    public long Ticks { get; } = ReportedAt.UtcTicks;
    public bool IsClaim => Figure.Qualifier == Qualifier.Claimed;

    /// <summary>From when the figure no longer counts (its report was retracted): a retraction makes a new figure, never edits one readers hold.</summary>
    public long RetractedFromTicks { get; init; } = long.MaxValue;

    /// <summary>The credibility its report gave the information (1–6), or null.</summary>
    public int? Credibility { get; init; }

    /// <summary>Whether the figure was known, and not yet retracted, at the moment.</summary>
    public bool CountsAt(long asOfTicks) => Ticks <= asOfTicks && RetractedFromTicks > asOfTicks;

    /// <summary>A claim as an alternative reads it (<see cref="AlternativeRelations.IsClaimLike"/>).</summary>
    public bool IsClaimLike => AlternativeRelations.IsClaimLike(Figure.Qualifier, Source);
}

/// <summary>
/// The heart of the product. For one key, of the figures reported at or before the moment and not retracted by then: the headline is the
/// latest that is not a claim; only when there is nothing but claims is the latest claim the headline. Every other
/// figure whose count differs is kept beside it as an alternative (see <see cref="KeyHistory"/>), so a contradiction
/// is never silently dropped.
/// </summary>
public static class HeadlineRule
{
    /// <summary>
    /// Of the figures counting at the moment, each the latest of what one source said (a claim or not, as all its
    /// figures are): the latest that is not a claim, else the latest claim, else null (nothing counts).
    /// </summary>
    public static ReportedFigure? PickHeadline(IReadOnlyList<ReportedFigure> candidates)
    {
        ReportedFigure? latest = null, latestClaim = null;
        foreach (var figure in candidates)
        {
            if (!figure.IsClaim)
                latest = latest is null || Compare(figure, latest) > 0 ? figure : latest;
            else
                latestClaim = latestClaim is null || Compare(figure, latestClaim) > 0 ? figure : latestClaim;
        }
        return latest ?? latestClaim;
    }

    /// <summary>
    /// Where in an ordered history the latest figure known and not retracted at the moment is, or -1. The history's
    /// instants come apart from it (<paramref name="instants"/>, UTC ticks, in the same order); its figures are read only
    /// when <paramref name="holdsRetracted"/> says one may have been taken back.
    /// </summary>
    public static int LatestCountingAt(ReadOnlySpan<long> instants, ReadOnlySpan<ReportedFigure> history, long asOfTicks, bool holdsRetracted = true)
    {
        var i = CountKnownAt(instants, asOfTicks) - 1;
        // Retracted figures are rare, so the walk back is short.
        if (holdsRetracted)
            while (i >= 0 && !history[i].CountsAt(asOfTicks))
                i--;
        return i;
    }

    public static Tally ToTally(ReportedFigure headline, IReadOnlyList<AlternativeFigure> alternatives)
    {
        var figure = headline.Figure;
        return new Tally(figure.Group, figure.Status, figure.Scope, figure.Organisation, figure.Count, figure.Qualifier,
            headline.Source, headline.ReportedAt, headline.Statement, headline.ReportId, alternatives) { Credibility = headline.Credibility };
    }

    /// <summary>How many of an ordered history's instants are at or before <paramref name="asOfTicks"/> (UTC).</summary>
    public static int CountKnownAt(ReadOnlySpan<long> instants, long asOfTicks)
    {
        // Most of a history lies wholly before or after a moment: no search then.
        if (instants.Length == 0 || instants[0] > asOfTicks)
            return 0;
        if (instants[^1] <= asOfTicks)
            return instants.Length;
        int low = 0, high = instants.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (instants[mid] <= asOfTicks) low = mid + 1; else high = mid;
        }
        return low;
    }

    /// <summary>Orders figures of one key the way the rule expects.</summary>
    public static int Compare(ReportedFigure a, ReportedFigure b)
    {
        var byTime = a.Ticks.CompareTo(b.Ticks);
        return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
    }
}
