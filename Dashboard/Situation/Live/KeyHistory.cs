using System.Collections.Immutable;

namespace Dashboard.Situation;

/// <summary>
/// Every figure reported for one key, grouped by what it said (source, count, qualifier), each group ordered by
/// reported instant. The headline and its alternatives at any moment are the latest counting figure of each group, so
/// they cost one lookup per distinct statement rather than a scan of the whole history: a key reported a thousand times
/// by a handful of sources has a few dozen of those. Immutable: adding or retracting gives a new history that shares
/// what it can, so readers keep the one they hold, and a report in time order costs no copy.
/// </summary>
public sealed class KeyHistory
{
    private readonly ImmutableDictionary<(string Source, int Count, Qualifier Qualifier), GrowingList<ReportedFigure>> _bySaying;

    // The groups as an array, made on the first read of this history: an as-of view walks every key's groups, and an
    // array walks far faster than the dictionary. Two readers racing make the same array; either will do.
    private GrowingList<ReportedFigure>[]? _sayings;

    public KeyHistory(FigureKey key)
        : this(key, ImmutableDictionary<(string, int, Qualifier), GrowingList<ReportedFigure>>.Empty)
    {
    }

    private KeyHistory(FigureKey key, ImmutableDictionary<(string, int, Qualifier), GrowingList<ReportedFigure>> bySaying) =>
        (Key, _bySaying) = (key, bySaying);

    public FigureKey Key { get; }

    public KeyHistory Add(ReportedFigure figure)
    {
        var saying = SayingOf(figure);
        var same = _bySaying.GetValueOrDefault(saying) ?? GrowingList<ReportedFigure>.Empty;
        return new KeyHistory(Key, _bySaying.SetItem(saying, InsertInOrder(same, figure)));
    }

    /// <summary>From <paramref name="atTicks"/> on, the report's figure no longer counts; earlier moments keep it.</summary>
    public KeyHistory Retract(string reportId, long atTicks)
    {
        var bySaying = _bySaying;
        foreach (var (saying, same) in _bySaying)
        {
            for (var i = 0; i < same.Count; i++)
            {
                var figure = same[i];
                if (figure.ReportId == reportId && figure.RetractedFromTicks == long.MaxValue)
                    bySaying = bySaying.SetItem(saying, bySaying[saying].SetItem(i, figure with { RetractedFromTicks = atTicks }));
            }
        }
        return new KeyHistory(Key, bySaying);
    }

    /// <summary>The headline and its alternatives as of <paramref name="asOfTicks"/> (UTC ticks), or null if nothing was known yet.</summary>
    public Tally? TallyAt(long asOfTicks)
    {
        var sayings = _sayings ??= [.. _bySaying.Values];
        var candidates = new List<ReportedFigure>(sayings.Length);
        foreach (var same in sayings)
            if (HeadlineRule.LatestCountingAt(same, asOfTicks) is { } latest)
                candidates.Add(latest);
        if (HeadlineRule.PickHeadline(candidates) is not { } headline)
            return null;

        var alternatives = candidates.FindAll(c => c.Figure.Count != headline.Figure.Count);
        if (alternatives.Count == 0)
            return HeadlineRule.ToTally(headline, []);
        alternatives.Sort(NewestFirst);
        var result = new AlternativeFigure[alternatives.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = alternatives[i].AsAlternativeTo(headline);
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
