namespace Dashboard.Situation;

/// <summary>
/// Every figure reported for one key, ordered by reported instant. Figures are also grouped by what they said
/// (source, count, qualifier), so the alternatives at any moment cost one lookup per distinct statement rather than
/// a scan of the whole history: a key reported a thousand times by a handful of sources has a few dozen of those.
/// Once a picture that holds it is published it is only read; a change works on a <see cref="Copy"/>.
/// </summary>
public sealed class KeyHistory(FigureKey key)
{
    private List<ReportedFigure> _figures = [];
    private Dictionary<(string Source, int Count, Qualifier Qualifier), List<ReportedFigure>> _bySaying = [];

    public FigureKey Key { get; } = key;

    /// <summary>A history of its own to change, while readers go on with this one.</summary>
    public KeyHistory Copy() => new(Key)
    {
        _figures = [.. _figures],
        _bySaying = _bySaying.ToDictionary(saying => saying.Key, saying => new List<ReportedFigure>(saying.Value)),
    };

    public void Add(ReportedFigure figure)
    {
        InsertInOrder(_figures, figure);
        var saying = SayingOf(figure);
        if (!_bySaying.TryGetValue(saying, out var same))
            _bySaying[saying] = same = [];
        InsertInOrder(same, figure);
    }

    /// <summary>From <paramref name="atTicks"/> on, the report's figure no longer counts; earlier moments keep it.</summary>
    public void Retract(string reportId, long atTicks)
    {
        for (var i = 0; i < _figures.Count; i++)
        {
            var figure = _figures[i];
            if (figure.ReportId != reportId || figure.RetractedFromTicks != long.MaxValue)
                continue;
            var retracted = figure with { RetractedFromTicks = atTicks };
            _figures[i] = retracted;
            var same = _bySaying[SayingOf(figure)];
            same[same.IndexOf(figure)] = retracted;
        }
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

    private static (string, int, Qualifier) SayingOf(ReportedFigure figure) =>
        (figure.Source.Name, figure.Figure.Count, figure.Figure.Qualifier);

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
