namespace Dashboard.Situation;

/// <summary>One figure as it was reported: the unit the headline rule works on.</summary>
public sealed record ReportedFigure(Figure Figure, Source Source, DateTimeOffset ReportedAt, string Statement, string ReportId, long Sequence)
{
    public long Ticks { get; } = ReportedAt.UtcTicks;
    public bool IsClaim => Figure.Qualifier == Qualifier.Claimed;

    /// <summary>From when the figure no longer counts (its report was retracted): a retraction makes a new figure, never edits one readers hold.</summary>
    public long RetractedFromTicks { get; init; } = long.MaxValue;

    /// <summary>The source as the report named it, to read through the source records again when they change.</summary>
    public Source Filed => Source.FiledAs is { } filed ? new Source(filed, Source.Kind) : Source;

    /// <summary>The credibility its report gave the information (1–6), or null.</summary>
    public int? Credibility { get; init; }

    /// <summary>Whether the figure was known, and not yet retracted, at the moment.</summary>
    public bool CountsAt(long asOfTicks) => Ticks <= asOfTicks && RetractedFromTicks > asOfTicks;

    /// <summary>A claim as an alternative reads it (<see cref="AlternativeRelations.IsClaimLike"/>).</summary>
    public bool IsClaimLike => AlternativeRelations.IsClaimLike(Figure.Qualifier, Source);
}

/// <summary>What a figure can say of its key, as the headline rule weighs it.</summary>
public enum Weight
{
    /// <summary>A count (exact or provisional) or an estimate (approximate): the latest of these stands.</summary>
    Count,
    /// <summary>"At least N": true beside any count of N or more, so it leads only when it says more than the count standing.</summary>
    LowerBound,
    /// <summary>The perpetrators' word, or a figure marked claimed: it leads only when nothing else is known.</summary>
    Claim,
}

/// <summary>The candidates for one key's headline at one moment, as the rule reads them (figures, or a key history's arrays).</summary>
public interface IHeadlineCandidates
{
    int Length { get; }
    /// <summary>What the candidate weighs as (<see cref="HeadlineRule.WeightOf"/>).</summary>
    Weight WeightOf(int candidate);
    int CountOf(int candidate);
    long TicksOf(int candidate);
    /// <summary>Reported later, or at the same instant and stored later (<see cref="HeadlineRule.Compare"/>).</summary>
    bool IsLater(int candidate, int than);
}

/// <summary>
/// The heart of the product. For one key, of the figures reported at or before the moment and not retracted by then:
/// the count standing is the latest figure that is neither a claim nor a lower bound; a lower bound ("at least N")
/// reported at or after it leads only when N is more than that count (the highest such bound, then); with no count, the
/// highest lower bound leads; only when there is nothing but claims is the latest claim the headline. Every other
/// figure whose count differs is kept beside it as an alternative (see <see cref="KeyHistory"/>), so a contradiction
/// is never silently dropped.
/// </summary>
public static class HeadlineRule
{
    /// <summary>A claim is a claim whatever its qualifier says (the perpetrators' word relayed by a news agency is still
    /// theirs); else a lower bound is "at least"; anything else is a count.</summary>
    public static Weight WeightOf(Qualifier qualifier, bool claimLike) => claimLike || qualifier == Qualifier.Claimed ? Weight.Claim
        : qualifier == Qualifier.AtLeast ? Weight.LowerBound
        : Weight.Count;

    /// <summary>Of the figures counting at the moment, each the latest of what one source said: the headline, or null (nothing counts).</summary>
    public static ReportedFigure? PickHeadline(IReadOnlyList<ReportedFigure> candidates)
    {
        var figures = new Figures(candidates);
        return Pick(ref figures) is var at and >= 0 ? candidates[at] : null;
    }

    /// <summary>Which candidate leads (see the class summary), or -1 when there are none.</summary>
    public static int Pick<T>(ref T candidates) where T : IHeadlineCandidates, allows ref struct
    {
        int count = -1, claim = -1;
        var anyBound = false;
        for (var c = 0; c < candidates.Length; c++)
        {
            switch (candidates.WeightOf(c))
            {
                case Weight.Count:
                    if (count < 0 || candidates.IsLater(c, count)) count = c;
                    break;
                case Weight.Claim:
                    if (claim < 0 || candidates.IsLater(c, claim)) claim = c;
                    break;
                default:
                    anyBound = true;
                    break;
            }
        }
        if (anyBound && StrongestBoundSince(ref candidates, count) is var bound and >= 0
            && (count < 0 || candidates.CountOf(bound) > candidates.CountOf(count)))
            return bound;
        return count >= 0 ? count : claim;
    }

    // The highest lower bound reported at or after the count standing (any, without one); the latest of equal bounds.
    private static int StrongestBoundSince<T>(ref T candidates, int count) where T : IHeadlineCandidates, allows ref struct
    {
        var since = count < 0 ? long.MinValue : candidates.TicksOf(count);
        var best = -1;
        for (var c = 0; c < candidates.Length; c++)
        {
            if (candidates.WeightOf(c) != Weight.LowerBound || candidates.TicksOf(c) < since)
                continue;
            if (best < 0 || candidates.CountOf(c) > candidates.CountOf(best)
                || (candidates.CountOf(c) == candidates.CountOf(best) && candidates.IsLater(c, best)))
                best = c;
        }
        return best;
    }

    private readonly struct Figures(IReadOnlyList<ReportedFigure> figures) : IHeadlineCandidates
    {
        public int Length => figures.Count;
        public Weight WeightOf(int candidate) => HeadlineRule.WeightOf(figures[candidate].Figure.Qualifier, figures[candidate].IsClaimLike);
        public int CountOf(int candidate) => figures[candidate].Figure.Count;
        public long TicksOf(int candidate) => figures[candidate].Ticks;
        public bool IsLater(int candidate, int than) => Compare(figures[candidate], figures[than]) > 0;
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

    public static Tally ToTally(ReportedFigure headline, IReadOnlyList<AlternativeFigure> alternatives, PartsAndWholes.View? view = null)
    {
        var figure = headline.Figure;
        return new Tally(figure.Group, figure.Status, figure.Scope, figure.Organisation, figure.Count, figure.Qualifier,
            headline.Source, headline.ReportedAt, headline.Statement, headline.ReportId, alternatives)
        {
            Credibility = headline.Credibility, Low = figure.Low, High = figure.High, CheckedIn = view,
        };
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
