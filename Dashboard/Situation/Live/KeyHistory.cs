using System.Collections.Immutable;

namespace Dashboard.Situation;

/// <summary>
/// Every figure reported for one key, ordered by reported instant. Figures are also grouped by what they said
/// (source, count, qualifier), so the alternatives at any moment cost one lookup per distinct statement rather than
/// a scan of the whole history: a key reported a thousand times by a handful of sources has a few dozen of those.
/// Immutable: adding or retracting gives a new history that shares what it can, so readers keep the one they hold
/// and a report in time order costs no copy.
/// </summary>
public sealed class KeyHistory
{
    private readonly GrowingList<ReportedFigure> _figures;
    private readonly ImmutableDictionary<(string Source, int Count, Qualifier Qualifier), GrowingList<ReportedFigure>> _bySaying;

    public KeyHistory(FigureKey key)
        : this(key, GrowingList<ReportedFigure>.Empty, ImmutableDictionary<(string, int, Qualifier), GrowingList<ReportedFigure>>.Empty)
    {
    }

    private KeyHistory(FigureKey key, GrowingList<ReportedFigure> figures, ImmutableDictionary<(string, int, Qualifier), GrowingList<ReportedFigure>> bySaying) =>
        (Key, _figures, _bySaying) = (key, figures, bySaying);

    public FigureKey Key { get; }

    public int Count => _figures.Count;

    public KeyHistory Add(ReportedFigure figure)
    {
        var saying = SayingOf(figure);
        var same = _bySaying.GetValueOrDefault(saying) ?? GrowingList<ReportedFigure>.Empty;
        return new KeyHistory(Key, InsertInOrder(_figures, figure), _bySaying.SetItem(saying, InsertInOrder(same, figure)));
    }

    /// <summary>From <paramref name="atTicks"/> on, the report's figure no longer counts; earlier moments keep it.</summary>
    public KeyHistory Retract(string reportId, long atTicks)
    {
        var (figures, bySaying) = (_figures, _bySaying);
        for (var i = 0; i < figures.Count; i++)
        {
            var figure = figures[i];
            if (figure.ReportId != reportId || figure.RetractedFromTicks != long.MaxValue)
                continue;
            var retracted = figure with { RetractedFromTicks = atTicks };
            figures = figures.SetItem(i, retracted);
            var same = bySaying[SayingOf(figure)];
            bySaying = bySaying.SetItem(SayingOf(figure), same.SetItem(same.IndexOf(figure), retracted));
        }
        return new KeyHistory(Key, figures, bySaying);
    }

    /// <summary>The headline and its alternatives as of <paramref name="asOfTicks"/> (UTC ticks), or null if nothing was known yet.</summary>
    public Tally? TallyAt(long asOfTicks)
    {
        var known = HeadlineRule.CountKnownAt(_figures, asOfTicks);
        if (HeadlineRule.PickHeadline(_figures, known, asOfTicks) is not { } headline)
            return null;

        var alternatives = new List<ReportedFigure>();
        foreach (var (_, same) in _bySaying)
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
    private static GrowingList<ReportedFigure> InsertInOrder(GrowingList<ReportedFigure> list, ReportedFigure figure)
    {
        var position = list.Count;
        while (position > 0 && HeadlineRule.Compare(list[position - 1], figure) > 0)
            position--;
        return list.Insert(position, figure);
    }
}
