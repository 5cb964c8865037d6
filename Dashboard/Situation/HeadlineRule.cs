namespace Dashboard.Situation;

/// <summary>One figure as it was reported: the unit the headline rule works on.</summary>
public sealed record ReportedFigure(Figure Figure, Source Source, DateTimeOffset ReportedAt, string Statement, string ReportId, long Sequence)
{
    public long Ticks => ReportedAt.UtcTicks;
    public bool IsClaim => Figure.Qualifier == Qualifier.Claimed;
}

/// <summary>
/// The heart of the product. For one key, of the figures reported at or before the moment: the headline is the
/// latest that is not a claim; only when there is nothing but claims is the latest claim the headline. Every other
/// figure whose count differs is kept beside it as an alternative, so a contradiction is never silently dropped.
/// </summary>
public static class HeadlineRule
{
    /// <param name="history">Figures of one key, ordered by reported instant, then by the order they were stored.</param>
    /// <param name="known">How many of them were reported at or before the moment (see <see cref="CountKnownAt"/>).</param>
    public static Tally? Headline(IReadOnlyList<ReportedFigure> history, int known)
    {
        if (known == 0)
            return null;

        var headlineIndex = known - 1;
        for (var i = known - 1; i >= 0; i--)
        {
            if (!history[i].IsClaim) { headlineIndex = i; break; }
        }

        var headline = history[headlineIndex];
        var alternatives = new List<AlternativeFigure>();
        var seen = new HashSet<(string Source, int Count, Qualifier Qualifier)>();
        // Newest first, and one entry per source saying the same thing, so a source repeating itself is not noise.
        for (var i = known - 1; i >= 0; i--)
        {
            var other = history[i];
            if (i == headlineIndex || other.Figure.Count == headline.Figure.Count)
                continue;
            if (seen.Add((other.Source.Name, other.Figure.Count, other.Figure.Qualifier)))
            {
                alternatives.Add(new AlternativeFigure(
                    other.Figure.Count, other.Figure.Qualifier, other.Source, other.ReportedAt, other.Statement, other.ReportId));
            }
        }

        var figure = headline.Figure;
        return new Tally(figure.Group, figure.Status, figure.Scope, figure.Organisation, figure.Count, figure.Qualifier,
            headline.Source, headline.ReportedAt, headline.Statement, headline.ReportId, alternatives);
    }

    /// <summary>How many figures of an ordered history were reported at or before <paramref name="asOfTicks"/> (UTC).</summary>
    public static int CountKnownAt(IReadOnlyList<ReportedFigure> history, long asOfTicks)
    {
        int low = 0, high = history.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (history[mid].Ticks <= asOfTicks) low = mid + 1; else high = mid;
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
