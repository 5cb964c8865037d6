using System.Collections.Immutable;

namespace Dashboard.Situation.Live;

/// <summary>
/// The live headline of every key, worked out when first read: a state no one reads costs nothing to publish, and one
/// that is read recomputes only the keys changed since the last state that was. Worked out with them: the moves of
/// those headlines since then, for the changes strip (a storm read once a second shows 35 → 40, not every step).
/// </summary>
public sealed class LiveHeadlines
{
    /// <summary>How many moves a picture keeps for the changes strip.</summary>
    public const int MovesKept = 50;

    /// <summary>How far back the changes strip looks: a picture loads this much of the log as moves.</summary>
    public static readonly TimeSpan StripWindow = TimeSpan.FromMinutes(60);

    public static readonly LiveHeadlines None = new(ImmutableDictionary<FigureKey, Tally>.Empty, [], ImmutableDictionary<FigureKey, KeyHistory>.Empty,
        [], ImmutableDictionary<FigureKey, string>.Empty, null);

    private readonly ImmutableDictionary<FigureKey, Tally> _known;
    private readonly ImmutableHashSet<FigureKey> _stale;
    private readonly ImmutableDictionary<FigureKey, KeyHistory> _histories;
    private readonly ImmutableList<HeadlineMove> _knownMoves;
    private readonly ImmutableDictionary<FigureKey, string> _corrections;
    private readonly DateTimeOffset? _changedAt;
    private readonly Lazy<(ImmutableDictionary<FigureKey, Tally> Headlines, ImmutableList<HeadlineMove> Moves, IReadOnlyList<HeadlineMove> Made)> _worked;

    private LiveHeadlines(ImmutableDictionary<FigureKey, Tally> known, ImmutableHashSet<FigureKey> stale, ImmutableDictionary<FigureKey, KeyHistory> histories,
        ImmutableList<HeadlineMove> knownMoves, ImmutableDictionary<FigureKey, string> corrections, DateTimeOffset? changedAt)
    {
        (_known, _stale, _histories, _knownMoves, _corrections, _changedAt) = (known, stale, histories, knownMoves, corrections, changedAt);
        _worked = new(WorkOut);
    }

    public ImmutableDictionary<FigureKey, Tally> Headlines => _worked.Value.Headlines;

    /// <summary>The latest moves, newest first.</summary>
    public ImmutableList<HeadlineMove> Moves => _worked.Value.Moves;

    /// <summary>The moves this state made since the last state whose moves were read: for the alerts, which read every step.</summary>
    public IReadOnlyList<HeadlineMove> MovesMade => _worked.Value.Made;

    /// <summary>
    /// The headlines of the next state, in which <paramref name="touched"/> changed (retracted, with a reason, for
    /// <paramref name="corrections"/>) at <paramref name="changedAt"/>. <paramref name="asMoves"/> false for the load:
    /// the past is no change, so its headlines are worked out at once and become what later moves start from.
    /// </summary>
    public LiveHeadlines After(IEnumerable<FigureKey> touched, ImmutableDictionary<FigureKey, KeyHistory> histories,
        IReadOnlyDictionary<FigureKey, string> corrections, DateTimeOffset? changedAt, bool asMoves)
    {
        var next = _worked.IsValueCreated
            ? new LiveHeadlines(Headlines, [.. touched], histories, Moves, ImmutableDictionary<FigureKey, string>.Empty.SetItems(corrections), changedAt)
            : new LiveHeadlines(_known, _stale.Union(touched), histories, _knownMoves, _corrections.SetItems(corrections), changedAt);
        if (asMoves)
            return next;
        var baseline = next.Headlines; // worked out now, without moves
        return new LiveHeadlines(baseline, [], histories, _worked.IsValueCreated ? Moves : _knownMoves, ImmutableDictionary<FigureKey, string>.Empty, changedAt);
    }

    private (ImmutableDictionary<FigureKey, Tally>, ImmutableList<HeadlineMove>, IReadOnlyList<HeadlineMove>) WorkOut()
    {
        var headlines = _known.ToBuilder();
        var moves = new List<HeadlineMove>();
        foreach (var key in _stale)
        {
            var before = _known.GetValueOrDefault(key);
            var after = _histories[key].TallyAt(PictureState.LiveTicks);
            if (after is not null)
                headlines[key] = after;
            else
                headlines.Remove(key); // every figure of the key retracted
            var corrected = _corrections.TryGetValue(key, out var reason);
            if (_changedAt is { } at && (before?.Count != after?.Count || before?.Qualifier != after?.Qualifier || corrected && before?.ReportId != after?.ReportId))
                moves.Add(new HeadlineMove(at, key, MoveWords.Side.Of(before), MoveWords.Side.Of(after), after?.Source.Name, corrected, reason));
        }
        var made = moves.OrderBy(m => m.Key.Group).ThenBy(m => m.Key.Status).ToArray();
        var all = _knownMoves.InsertRange(0, made);
        return (headlines.ToImmutable(), all.Count > MovesKept ? all.RemoveRange(MovesKept, all.Count - MovesKept) : all, made);
    }
}
