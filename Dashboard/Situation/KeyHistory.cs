namespace Dashboard.Situation;

/// <summary>
/// Every figure reported for one key, ordered by reported instant. Figures are also grouped by what they said
/// (source, count, qualifier), so the alternatives at any moment cost one lookup per distinct statement rather than
/// a scan of the whole history: a key reported a thousand times by a handful of sources has a few dozen of those.
/// </summary>
public sealed class KeyHistory(FigureKey key)
{
    private readonly List<ReportedFigure> _figures = [];
    private readonly Dictionary<(string Source, int Count, Qualifier Qualifier), List<ReportedFigure>> _bySaying = [];

    public FigureKey Key { get; } = key;

    public void Add(ReportedFigure figure)
    {
        InsertInOrder(_figures, figure);
        var saying = (figure.Source.Name, figure.Figure.Count, figure.Figure.Qualifier);
        if (!_bySaying.TryGetValue(saying, out var same))
            _bySaying[saying] = same = [];
        InsertInOrder(same, figure);
    }

    /// <summary>The headline and its alternatives as of <paramref name="asOfTicks"/> (UTC ticks), or null if nothing was known yet.</summary>
    public Tally? TallyAt(long asOfTicks)
    {
        var known = HeadlineRule.CountKnownAt(_figures, asOfTicks);
        if (HeadlineRule.PickHeadline(_figures, known, asOfTicks) is not { } headline)
            return null;

        var alternatives = new List<ReportedFigure>();
        foreach (var same in _bySaying.Values)
        {
            if (same[0].Figure.Count == headline.Figure.Count || same[0].Ticks > asOfTicks)
                continue;
            // The latest saying it that still counts; retracted ones are rare, so the walk back is short.
            var i = HeadlineRule.CountKnownAt(same, asOfTicks) - 1;
            while (i >= 0 && !same[i].CountsAt(asOfTicks))
                i--;
            if (i >= 0)
                alternatives.Add(same[i]);
        }
        if (alternatives.Count == 0)
            return HeadlineRule.ToTally(headline, []);
        alternatives.Sort(NewestFirst);
        var result = new AlternativeFigure[alternatives.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = alternatives[i].AsAlternative;
        return HeadlineRule.ToTally(headline, result);
    }

    private static readonly Comparison<ReportedFigure> NewestFirst = (a, b) => HeadlineRule.Compare(b, a);

    // Reports nearly always arrive in time order, so this is an append; a late-filed report slots into place.
    private static void InsertInOrder(List<ReportedFigure> list, ReportedFigure figure)
    {
        var position = list.Count;
        while (position > 0 && HeadlineRule.Compare(list[position - 1], figure) > 0)
            position--;
        list.Insert(position, figure);
    }
}
