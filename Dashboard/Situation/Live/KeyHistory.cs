using System.Collections.Immutable;

namespace Dashboard.Situation.Live;

/// <summary>
/// Every figure reported for one key, grouped by what it said (source, count, qualifier), each group ordered by
/// reported instant. The headline and its alternatives at any moment are the latest counting figure of each group, so
/// they cost one lookup per distinct statement rather than a scan of the whole history: a key reported a thousand times
/// by a handful of sources has a few dozen of those. Immutable: adding or retracting gives a new history that shares
/// what it can, so readers keep the one they hold, and a report in time order costs no copy.
/// </summary>
public sealed class KeyHistory
{
    /// <summary>What one source said, every time it said it, in reported order, with the instants kept apart in an
    /// array of their own: a search for a moment then reads one array, not a figure scattered in the heap each step.</summary>
    /// <remarks>Whether a figure reads as a claim is the same through a group unless its source's kind changed between
    /// reports (<see cref="MixedClaims"/>, rare): only then is a figure read for it.</remarks>
    private readonly record struct Run(GrowingList<ReportedFigure> Figures, GrowingList<long> Instants, bool HasRetracted = false, bool MixedClaims = false)
    {
        public static readonly Run Empty = new(GrowingList<ReportedFigure>.Empty, GrowingList<long>.Empty);
    }

    private readonly ImmutableDictionary<(string Source, int Count, Qualifier Qualifier, int? Low, int? High), Run> _bySaying;

    // The groups laid out for reading, made on the first read of this history: an as-of view walks every key's groups,
    // and flat arrays walk far faster than the dictionary. Two readers racing make the same; either will do.
    private Layout? _layout;

    // Each thread's scratch for the candidates of one key: an as-of view works out a thousand keys, and their garbage
    // was collected against a heap that holds every figure.
    [ThreadStatic] private static Candidate[]? t_candidates;

    public KeyHistory(FigureKey key)
        : this(key, ImmutableDictionary<(string, int, Qualifier, int?, int?), Run>.Empty)
    {
    }

    private KeyHistory(FigureKey key, ImmutableDictionary<(string, int, Qualifier, int?, int?), Run> bySaying) =>
        (Key, _bySaying) = (key, bySaying);

    public FigureKey Key { get; }

    public KeyHistory Add(ReportedFigure figure)
    {
        var saying = SayingOf(figure);
        return new KeyHistory(Key, _bySaying.SetItem(saying, InsertInOrder(_bySaying.GetValueOrDefault(saying, Run.Empty), figure)));
    }

    /// <summary>
    /// From <paramref name="atTicks"/> on, the report's figure (<paramref name="figure"/>, reported at
    /// <paramref name="reportedTicks"/>) no longer counts; earlier moments keep it. Found by what it said and when, not
    /// by reading the key's history: only the groups saying that count are looked in (a source merge may have moved it
    /// to another source's), each by a search of its instants.
    /// </summary>
    public KeyHistory Retract(string reportId, Figure figure, long reportedTicks, long atTicks)
    {
        var bySaying = _bySaying;
        foreach (var (saying, same) in _bySaying)
        {
            if (saying.Count != figure.Count || saying.Qualifier != figure.Qualifier || saying.Low != figure.Low || saying.High != figure.High)
                continue;
            var instants = same.Instants.AsSpan();
            for (var i = LowerBound(instants, reportedTicks); i < instants.Length && instants[i] == reportedTicks; i++)
            {
                var found = same.Figures[i];
                if (found.ReportId == reportId && found.RetractedFromTicks == long.MaxValue)
                    bySaying = bySaying.SetItem(saying, same with { Figures = same.Figures.SetItem(i, found with { RetractedFromTicks = atTicks }), HasRetracted = true });
            }
        }
        return ReferenceEquals(bySaying, _bySaying) ? this : new KeyHistory(Key, bySaying);
    }

    /// <inheritdoc cref="Retract(string, Figure, long, long)"/>
    public KeyHistory Retract(ReportedFigure figure, long atTicks) => Retract(figure.ReportId, figure.Figure, figure.Ticks, atTicks);

    private static int LowerBound(ReadOnlySpan<long> sorted, long value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (sorted[middle] < value) low = middle + 1; else high = middle;
        }
        return low;
    }

    /// <summary>The same history with each figure's source read through <paramref name="resolve"/> again; this one when none changes.</summary>
    public KeyHistory Resourced(Func<Source, Source> resolve)
    {
        var figures = new List<ReportedFigure>();
        var changed = false;
        // One source object per name filed under, shared by its figures as a report's figures share theirs.
        var read = new Dictionary<Source, Source>();
        foreach (var run in _bySaying.Values)
            foreach (var figure in run.Figures.AsSpan())
            {
                var filed = figure.Filed;
                if (!read.TryGetValue(filed, out var source))
                {
                    source = resolve(filed);
                    read[filed] = source = source.Name == filed.Name ? source : source with { FiledAs = filed.Name };
                }
                changed |= source != figure.Source;
                figures.Add(source == figure.Source ? figure : figure with { Source = source });
            }
        if (!changed)
            return this;
        figures.Sort(HeadlineRule.Compare);
        var history = new KeyHistory(Key);
        foreach (var figure in figures)
            history = history.Add(figure);
        return history;
    }

    /// <summary>Whether this history is laid out for views of past moments (its figures end to end, see <see cref="Layout"/>).</summary>
    public bool IsLaidOutForThePast => _layout is { IsFlat: true };

    /// <summary>
    /// This history, laid out for past moments if <paramref name="previous"/> was: a write lays out again the keys
    /// that past views read, so that the next reader of each does not (for a busy key, its figures copied end to end).
    /// Keys no past view has read cost the write nothing more than their live headline.
    /// </summary>
    public KeyHistory LaidOutLike(KeyHistory? previous)
    {
        if (previous is { IsLaidOutForThePast: true } && !ReferenceEquals(previous, this))
            LayOut().Flatten();
        return this;
    }

    private Layout LayOut() => _layout ??= new Layout(NewestLastFirst(_bySaying.Values.ToArray()));

    /// <summary>The headline and its alternatives as of <paramref name="asOfTicks"/> (UTC ticks), or null if nothing was known yet.</summary>
    public Tally? TallyAt(long asOfTicks, PartsAndWholes.View? view = null)
    {
        var layout = LayOut();
        var candidates = t_candidates is { } scratch && scratch.Length >= layout.Count ? scratch : t_candidates = new Candidate[Math.Max(64, layout.Count)];
        var found = layout.CountingAt(asOfTicks, candidates);
        return found == 0 ? null : layout.Tally(candidates.AsSpan(0, found), view);
    }

    /// <summary>Every figure reported for the key, each group's in reported order.</summary>
    public IEnumerable<ReportedFigure> AllFigures()
    {
        foreach (var run in _bySaying.Values)
            for (var i = 0; i < run.Figures.Count; i++)
                yield return run.Figures[i];
    }

    /// <summary>
    /// The moments up to <paramref name="asOfTicks"/> at which the headline changed, each with the headline from then
    /// (null: nothing counts from then on, every figure withdrawn). A headline can change only where a figure was
    /// reported or withdrawn, so it is worked out at those moments alone, in one pass through them.
    /// </summary>
    public IReadOnlyList<(long FromTicks, Tally? Headline, bool ByWithdrawal)> Steps(long asOfTicks)
    {
        var reported = new List<long>();
        var withdrawn = new List<long>();
        foreach (var figure in AllFigures())
        {
            if (figure.Ticks <= asOfTicks) reported.Add(figure.Ticks);
            if (figure.RetractedFromTicks <= asOfTicks) withdrawn.Add(figure.RetractedFromTicks);
        }
        var moments = reported.Concat(withdrawn).Distinct().Order().ToArray();
        var reportedAt = reported.ToHashSet();
        var steps = new List<(long, Tally?, bool)>();
        Tally? shown = null;
        foreach (var moment in moments)
        {
            var headline = TallyAt(moment);
            if (steps.Count == 0 ? headline is not null : !SameHeadline(shown, headline))
                steps.Add((moment, headline, !reportedAt.Contains(moment)));
            shown = headline;
        }
        return steps;
    }

    private static bool SameHeadline(Tally? a, Tally? b) =>
        a?.ReportId == b?.ReportId && a?.Count == b?.Count && a?.Qualifier == b?.Qualifier && a?.Low == b?.Low && a?.High == b?.High;

    // By last instant as plain numbers, from the instants' own arrays: every write lays out the keys it touched again.
    // Equal instants may lie either way; the order only speeds the reading, which puts ties right itself.
    private static Run[] NewestLastFirst(Run[] runs)
    {
        var newestFirst = new long[runs.Length];
        for (var i = 0; i < runs.Length; i++)
            newestFirst[i] = -runs[i].Instants[^1];
        Array.Sort(newestFirst, runs);
        return runs;
    }

    private static (string, int, Qualifier, int?, int?) SayingOf(ReportedFigure figure) =>
        (figure.Source.Name, figure.Figure.Count, figure.Figure.Qualifier, figure.Figure.Low, figure.Figure.High);

    // Reports nearly always arrive in time order, so this is an append; a late-filed report slots into place.
    private static Run InsertInOrder(Run run, ReportedFigure figure)
    {
        var position = run.Figures.Count;
        while (position > 0 && HeadlineRule.Compare(run.Figures[position - 1], figure) > 0)
            position--;
        // Against the latest figure, just read and most likely still in the cache; while not mixed, all read alike.
        var mixed = run.MixedClaims || (run.Figures.Count > 0 && run.Figures[^1].IsClaimLike != figure.IsClaimLike);
        return run with { Figures = run.Figures.Insert(position, figure), Instants = run.Instants.Insert(position, figure.Ticks), MixedClaims = mixed };
    }

    /// <summary>One group's latest figure counting at a moment: which group, where in it, and when it was reported. The
    /// figure itself is read only when it is shown: at a million figures each read is a miss in the heap.</summary>
    private struct Candidate
    {
        public int Saying;
        public int Index;
        public long Ticks;
    }

    /// <summary>
    /// The groups side by side, in arrays of their own: where each begins and ends in time, its latest figure, and what
    /// the headline rule asks of a figure (its count, whether it is a claim, its source). Most groups lie wholly before
    /// or after a moment, so a moment is answered from these without touching a figure in the heap; only a group that
    /// spans it, or holds a retracted figure, is searched. The rule is <see cref="HeadlineRule"/>'s, on these arrays.
    /// </summary>
    private sealed class Layout
    {
        private readonly Run[] _runs;
        private readonly long[] _first, _last, _lastSequence;
        private readonly ReportedFigure[] _latest;
        private readonly bool[] _retracted, _claimLike, _mixedClaims;
        private readonly Qualifier[] _qualifier;
        // What the rule weighs each group's figures as, read once per group; ReadEachFigure for a group whose source
        // changed kind between reports (rare), whose figures may weigh differently.
        private readonly Weight[] _weight;
        private const Weight ReadEachFigure = (Weight)(-1);
        private readonly int[] _count, _source, _length;
        // The group's latest figure as an alternative, by relation, then group (a view's alternatives mostly share a
        // relation, so they lie side by side): made once, without reading the figure again.
        private readonly AlternativeFigure?[] _latestAs;

        public Layout(Run[] runs)
        {
            _runs = runs;
            var n = runs.Length;
            (_first, _last, _lastSequence, _latest) = (new long[n], new long[n], new long[n], new ReportedFigure[n]);
            (_retracted, _claimLike, _mixedClaims, _count, _source, _length) = (new bool[n], new bool[n], new bool[n], new int[n], new int[n], new int[n]);
            _qualifier = new Qualifier[n];
            _weight = new Weight[n];
            _latestAs = new AlternativeFigure?[n * 3];
            var sources = new List<Source>();
            for (var i = 0; i < n; i++)
            {
                var instants = runs[i].Instants.AsSpan();
                var latest = _latest[i] = runs[i].Figures[^1];
                (_first[i], _last[i], _lastSequence[i]) = (instants[0], instants[^1], latest.Sequence);
                (_claimLike[i], _count[i], _qualifier[i]) = (latest.IsClaimLike, latest.Figure.Count, latest.Figure.Qualifier);
                var source = sources.FindIndex(s => AlternativeRelations.SameSource(s, latest.Source));
                _source[i] = source >= 0 ? source : sources.Count;
                if (source < 0)
                    sources.Add(latest.Source);
                (_retracted[i], _mixedClaims[i], _length[i]) = (runs[i].HasRetracted, runs[i].MixedClaims, instants.Length);
                _weight[i] = runs[i].MixedClaims ? ReadEachFigure : HeadlineRule.WeightOf(latest.Figure.Qualifier, latest.IsClaimLike);
            }
        }

        public int Count => _runs.Length;

        /// <summary>Whether the groups' figures are laid end to end yet (a past moment that spans a group needs them).</summary>
        public bool IsFlat => _flat is not null;

        public void Flatten() => _flat ??= Flatten(_runs);

        /// <summary>Writes the latest figure of each group counting at the moment into <paramref name="candidates"/>; how many.</summary>
        public int CountingAt(long asOfTicks, Candidate[] candidates)
        {
            var found = 0;
            for (var i = 0; i < _runs.Length; i++)
            {
                if (_first[i] > asOfTicks)
                    continue;
                if (_last[i] <= asOfTicks && !_retracted[i])
                    candidates[found++] = new Candidate { Saying = i, Index = _length[i] - 1, Ticks = _last[i] };
                else if (LatestCountingAt(i, asOfTicks) is var index and >= 0)
                    candidates[found++] = new Candidate { Saying = i, Index = index, Ticks = InstantsOf(i)[index] };
            }
            return found;
        }

        private ReportedFigure FigureOf(in Candidate candidate)
        {
            if (IsLatestOfItsGroup(candidate))
                return _latest[candidate.Saying];
            var flat = _flat!; // a candidate before its group's last was found by a search, which made it
            return flat.Figures[flat.Offsets[candidate.Saying] + candidate.Index];
        }

        private bool IsLatestOfItsGroup(in Candidate candidate) => candidate.Index == _length[candidate.Saying] - 1;

        public Tally Tally(Span<Candidate> candidates, PartsAndWholes.View? view)
        {
            var rule = new RuleReading(this, candidates);
            var head = candidates[HeadlineRule.Pick(ref rule)];
            var headline = FigureOf(head);

            // Every other figure whose count differs stands beside it, newest first.
            var kept = 0;
            for (var c = 0; c < candidates.Length; c++)
                if (_count[candidates[c].Saying] != _count[head.Saying])
                    candidates[kept++] = candidates[c];
            if (kept == 0)
                return HeadlineRule.ToTally(headline, [], view);
            var alternatives = candidates[..kept];
            NewestFirst(alternatives);
            var result = new AlternativeFigure[kept];
            for (var i = 0; i < kept; i++)
            {
                var alternative = alternatives[i];
                var saying = alternative.Saying;
                var sameSource = _source[saying] == _source[head.Saying];
                if (IsLatestOfItsGroup(alternative))
                {
                    var relation = AlternativeRelations.Of(_claimLike[saying], alternative.Ticks, sameSource, head.Ticks);
                    result[i] = _latestAs[(int)relation * Count + saying] ??= AsAlternative(_latest[saying], saying, relation);
                }
                else
                {
                    var claimLike = _mixedClaims[saying] ? FigureOf(alternative).IsClaimLike : _claimLike[saying];
                    var relation = AlternativeRelations.Of(claimLike, alternative.Ticks, sameSource, head.Ticks);
                    var flat = _flat!;
                    var at = flat.Offsets[saying] + alternative.Index;
                    result[i] = flat.As[(int)relation * flat.Figures.Length + at] ??= AsAlternative(flat.Figures[at], saying, relation);
                }
            }
            return HeadlineRule.ToTally(headline, result, view);
        }

        // The candidates as the headline rule reads them: count and qualifier are the group's, so no figure is read.
        private readonly ref struct RuleReading(Layout layout, Span<Candidate> candidates) : IHeadlineCandidates
        {
            private readonly Span<Candidate> _candidates = candidates;
            public int Length => _candidates.Length;
            public Weight WeightOf(int candidate)
            {
                var weight = layout._weight[_candidates[candidate].Saying];
                return weight != ReadEachFigure ? weight
                    : HeadlineRule.WeightOf(layout._qualifier[_candidates[candidate].Saying], layout.FigureOf(_candidates[candidate]).IsClaimLike);
            }
            public int CountOf(int candidate) => layout._count[_candidates[candidate].Saying];
            public long TicksOf(int candidate) => _candidates[candidate].Ticks;
            public bool IsLater(int candidate, int than) => layout.IsLater(_candidates[candidate], _candidates[than]);
        }

        // A group that spans the moment is searched in one array holding every group's instants end to end, and its
        // figure read from one holding the figures the same way, made when a past moment first needs them (the live
        // moment never does): a search and its figure then take one array each, not a chain of lists in the heap.
        private Flat? _flat;

        // As: each figure as an alternative, by relation then figure, made when first shown; shared by every view after.
        private sealed record Flat(long[] Instants, ReportedFigure[] Figures, int[] Offsets)
        {
            public AlternativeFigure?[] As { get; } = new AlternativeFigure?[3 * Figures.Length];

            public int LengthOf(int saying) => Offsets[saying + 1] - Offsets[saying];
        }

        // The count and qualifier are the group's, so the figure's own parts are not read again.
        private AlternativeFigure AsAlternative(ReportedFigure figure, int saying, AlternativeRelation relation) =>
            new(_count[saying], _qualifier[saying], figure.Source, figure.ReportedAt, figure.Statement, figure.ReportId) { Relation = relation, Credibility = figure.Credibility, Low = figure.Figure.Low, High = figure.Figure.High };

        private ReadOnlySpan<long> InstantsOf(int saying)
        {
            var flat = _flat ??= Flatten(_runs);
            return flat.Instants.AsSpan(flat.Offsets[saying], flat.LengthOf(saying));
        }

        // Where in the group its latest figure counting at the moment is, or -1; only a group that holds a retracted
        // figure reads any.
        private int LatestCountingAt(int saying, long asOfTicks)
        {
            var flat = _flat ??= Flatten(_runs);
            var (from, length) = (flat.Offsets[saying], flat.LengthOf(saying));
            return HeadlineRule.LatestCountingAt(flat.Instants.AsSpan(from, length), flat.Figures.AsSpan(from, length), asOfTicks, _retracted[saying]);
        }

        private static Flat Flatten(Run[] runs)
        {
            var offsets = new int[runs.Length + 1];
            for (var i = 0; i < runs.Length; i++)
                offsets[i + 1] = offsets[i] + runs[i].Instants.Count;
            var (instants, figures) = (new long[offsets[^1]], new ReportedFigure[offsets[^1]]);
            for (var i = 0; i < runs.Length; i++)
            {
                runs[i].Instants.AsSpan().CopyTo(instants.AsSpan(offsets[i]));
                runs[i].Figures.AsSpan().CopyTo(figures.AsSpan(offsets[i]));
            }
            return new Flat(instants, figures, offsets);
        }

        // The groups are laid out newest last figure first, so the candidates come nearly in order: only a group that
        // spans the moment, whose figure then is older than its last, moves, and rarely far.
        private void NewestFirst(Span<Candidate> candidates)
        {
            for (var i = 1; i < candidates.Length; i++)
            {
                var moving = candidates[i];
                var j = i;
                for (; j > 0 && IsLater(moving, candidates[j - 1]); j--)
                    candidates[j] = candidates[j - 1];
                candidates[j] = moving;
            }
        }

        private long SequenceOf(in Candidate candidate) => IsLatestOfItsGroup(candidate) ? _lastSequence[candidate.Saying] : FigureOf(candidate).Sequence;

        // HeadlineRule.Compare: by reported instant, then by the order stored.
        private bool IsLater(in Candidate a, in Candidate b) => a.Ticks != b.Ticks ? a.Ticks > b.Ticks : SequenceOf(a) > SequenceOf(b);
    }
}
