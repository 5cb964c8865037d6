using Dashboard.Localization;

namespace Dashboard.Situation;

/// <summary>Where one headline contradicts another: the figure it contradicts, and why, in words.</summary>
/// <remarks>The words are made when first read, in the reader's language: a past view of a large incident may hold
/// hundreds of contradictions that no one reads, and most views are asked for their numbers, not their sentences.</remarks>
public sealed class HeadlineConflict(FigureKey with, Func<string> words)
{
    // One per language: every screen showing the figure shares the conflict, whatever language it reads in.
    private readonly string?[] _says = new string?[Languages.All.Count];

    public FigureKey With { get; } = with;

    public string Says => _says[Languages.IndexOfCurrent] ??= words();
}

/// <summary>
/// The figures of one moment checked against each other, never hidden: a whole ("in all", "foreign nationals") is at
/// least each of its parts and at least what its parts add up to ("in all" is local and foreign; "foreign" holds every
/// other nationality), and what became of a group's people (killed, freed, missing, still held) cannot add up to more
/// than how many were at the site. Every headline that breaks one of these says so beside its figure. A claim is left
/// out: it is the perpetrators' word, said as such on its own card, and disputing it is no contradiction of the figures.
/// </summary>
/// <remarks>Every view is checked, past ones too, so this reads the tallies in their reading order (<see cref="TallyOrder"/>,
/// as every view holds them) and allocates nothing until it finds a contradiction: the figures of one count lie
/// together, wholes first, and a total finds its outcomes by a search.</remarks>
public static class PartsAndWholes
{
    /// <summary>How far beyond "about N" its parts may go and still be about N: "about 30" militants and 32 killed agree.</summary>
    public const double ApproximateSlack = 0.10;

    /// <summary>What became of people who were there, which together cannot exceed how many were there.</summary>
    private static readonly FigureStatus[] Outcomes = [FigureStatus.Killed, FigureStatus.Freed, FigureStatus.Missing, FigureStatus.Held];

    private delegate void Say(FigureKey on, FigureKey with, Func<string> says);

    /// <summary>The tallies (in <see cref="TallyOrder"/>), each carrying the conflicts it takes part in; the same list when none does.</summary>
    public static IReadOnlyList<Tally> Checked(IReadOnlyList<Tally> tallies, string hostCountry) =>
        Find(tallies, hostCountry) is { } found
            ? tallies.Select(t => found.TryGetValue(t.Key, out var conflicts) ? t with { Conflicts = conflicts } : t).ToArray()
            : tallies;

    /// <summary>The conflicts of the tallies (in <see cref="TallyOrder"/>) by the key that takes part in each; null when there are none.</summary>
    public static Dictionary<FigureKey, List<HeadlineConflict>>? Find(IReadOnlyList<Tally> tallies, string hostCountry)
    {
        Dictionary<FigureKey, List<HeadlineConflict>>? found = null;
        void Say(FigureKey on, FigureKey with, Func<string> says)
        {
            found ??= [];
            (found.TryGetValue(on, out var list) ? list : found[on] = []).Add(new HeadlineConflict(with, says));
        }

        for (var start = 0; start < tallies.Count;)
        {
            var end = start + 1;
            while (end < tallies.Count && CountsAlike(tallies[end], tallies[start]))
                end++;
            CheckScopes(tallies, start, end, hostCountry, Say);
            start = end;
        }
        foreach (var total in tallies)
            if (total.Status == FigureStatus.Total && !IsClaim(total))
                CheckOutcomes(tallies, total, hostCountry, Say);

        return found;
    }

    /// <summary>
    /// The conflicts of one past view, worked out when first asked for: each of its tallies holds this, so a view whose
    /// figures are read but whose contradictions are not (most, at a million figures) costs nothing more.
    /// </summary>
    public sealed class View(string hostCountry)
    {
        private readonly Lock _gate = new();
        private IReadOnlyList<Tally>? _tallies;
        private Dictionary<FigureKey, List<HeadlineConflict>>? _found;
        private bool _worked;

        /// <summary>The view's tallies, once made (in <see cref="TallyOrder"/>, narrowed or not, with the wholes they are checked against).</summary>
        public void Over(IReadOnlyList<Tally> tallies) => _tallies = tallies;

        public IReadOnlyList<HeadlineConflict> Of(FigureKey key)
        {
            lock (_gate)
            {
                if (!_worked && _tallies is { } tallies)
                    (_found, _worked) = (Find(tallies, hostCountry), true);
                return _found?.GetValueOrDefault(key) ?? (IReadOnlyList<HeadlineConflict>)[];
            }
        }
    }

    // The figures of one group, status and organisation: "all", "foreign" and "local" first, then each nationality. A
    // whole against each part alone, then against what its parts add up to when no single part already says so.
    private static void CheckScopes(IReadOnlyList<Tally> tallies, int start, int end, string hostCountry, Say say)
    {
        Tally? all = null, foreign = null, local = null;
        var countries = start;
        for (; countries < end && Scopes.IsAggregate(tallies[countries].Scope); countries++)
        {
            var tally = tallies[countries];
            if (IsClaim(tally))
                continue;
            if (tally.Scope == Scopes.All) all = tally;
            else if (tally.Scope == Scopes.Foreign) foreign = tally;
            else local = tally;
        }
        var (countriesSum, largestCountry) = (0, 0);
        for (var i = countries; i < end; i++)
            if (!IsClaim(tallies[i]))
                (countriesSum, largestCountry) = (countriesSum + tallies[i].Count, Math.Max(largestCountry, tallies[i].Count));

        if (foreign is not null)
            CheckWhole(foreign, [], tallies, countries, end, countriesSum, largestCountry, hostCountry, say);
        if (all is not null)
        {
            Tally[] wholes = local is null ? (foreign is null ? [] : [foreign]) : foreign is null ? [local] : [local, foreign];
            CheckWhole(all, wholes, tallies, countries, end, countriesSum + (local?.Count ?? 0), Math.Max(largestCountry, local?.Count ?? 0), hostCountry, say);
        }
    }

    private static void CheckWhole(Tally whole, Tally[] aggregateParts, IReadOnlyList<Tally> tallies, int countries, int end,
        int nationalitiesSum, int largestNationality, string hostCountry, Say say)
    {
        if (Exceeds(largestNationality, whole) || aggregateParts.Any(p => Exceeds(p.Count, whole)))
        {
            foreach (var part in aggregateParts.Concat(Range(tallies, countries, end)).Where(p => Exceeds(p.Count, whole)))
            {
                say(whole.Key, part.Key, () => ThanTheFigure("FewerThan", part.Scope, hostCountry, CountWords(part)));
                say(part.Key, whole.Key, () => ThanTheFigure("MoreThan", whole.Scope, hostCountry, CountWords(whole)));
            }
            return;
        }
        // In all: local and foreign, or every nationality (the host's own as local); foreign: every other nationality.
        if (aggregateParts.Length == 2 && Exceeds(aggregateParts[0].Count + aggregateParts[1].Count, whole))
            SaySum(whole, aggregateParts, hostCountry, say);
        else if (Exceeds(nationalitiesSum, whole))
            SaySum(whole, [.. aggregateParts.Where(p => p.Scope == Scopes.Local), .. Range(tallies, countries, end)], hostCountry, say);
    }

    private static void SaySum(Tally whole, Tally[] parts, string hostCountry, Say say)
    {
        if (parts.Length < 2)
            return;
        var ordered = parts.OrderByDescending(p => p.Count).ToArray();
        say(whole.Key, ordered[0].Key,
            () => Localization.Say.Format("Conflict.FewerThanItsParts", parts.Sum(p => p.Count),
                Listed(ordered.Select(p => Localization.Say.Format("Conflict.Part", Terms.ScopeWords(p.Scope, hostCountry), CountWords(p))))));
    }

    // An outcome for everyone is at least what its local and foreign figures add up to, when those are known apart.
    private static void CheckOutcomes(IReadOnlyList<Tally> tallies, Tally total, string hostCountry, Say say)
    {
        Tally? Find(FigureStatus status, string scope) => Search(tallies, total.Key with { Status = status, Scope = scope });
        List<(Tally Tally, int Count, Func<string> Words, bool Apart)>? outcomes = null;
        foreach (var status in Outcomes)
        {
            var own = Find(status, total.Scope);
            var (local, foreign) = total.Scope == Scopes.All ? (Find(status, Scopes.Local), Find(status, Scopes.Foreign)) : (null, null);
            var apart = local is not null && foreign is not null ? local.Count + foreign.Count : 0;
            if (own is not null && own.Count >= apart)
                (outcomes ??= []).Add((own, own.Count, () => CountWords(own), false));
            else if (apart > 0)
                (outcomes ??= []).Add((foreign!, apart, () => Localization.Say.Format("Conflict.Apart", apart, Terms.ScopeWords(Scopes.Local, hostCountry), CountWords(local!), Terms.ScopeWords(Scopes.Foreign, hostCountry), CountWords(foreign!)), true));
        }
        if (outcomes is null)
            return;
        var over = false;
        foreach (var outcome in outcomes.Where(o => Exceeds(o.Count, total)))
        {
            over = true;
            say(total.Key, outcome.Tally.Key, () => Localization.Say.Format("Conflict.FewerThanOutcome", Terms.Of(outcome.Tally.Status).Words, outcome.Words()));
            if (!outcome.Apart)
                say(outcome.Tally.Key, total.Key, () => Localization.Say.Format("Conflict.MoreThanAtTheSite", CountWords(total)));
        }
        if (!over && outcomes.Count > 1 && outcomes.Sum(o => o.Count) is var sum && Exceeds(sum, total))
            say(total.Key, outcomes.MaxBy(o => o.Count).Tally.Key,
                () => Localization.Say.Format("Conflict.FewerThanOutcomesTogether", Listed(outcomes.Select(o => Terms.Of(o.Tally.Status).Words)), sum,
                    Listed(outcomes.OrderByDescending(o => o.Count).Select(o => Localization.Say.Format("Conflict.Part", Terms.Of(o.Tally.Status).Words, o.Words())))));
    }

    // The tally of a key in reading order, by a search; null when there is none or it is a claim.
    private static Tally? Search(IReadOnlyList<Tally> tallies, FigureKey key)
    {
        int low = 0, high = tallies.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var c = TallyOrder.Compare(tallies[mid].Key, key);
            if (c == 0)
                return IsClaim(tallies[mid]) ? null : tallies[mid];
            if (c < 0) low = mid + 1; else high = mid - 1;
        }
        return null;
    }

    private static IEnumerable<Tally> Range(IReadOnlyList<Tally> tallies, int from, int end)
    {
        for (var i = from; i < end; i++)
            if (!IsClaim(tallies[i]))
                yield return tallies[i];
    }

    private static bool CountsAlike(Tally a, Tally b) => a.Group == b.Group && a.Status == b.Status && a.Organisation == b.Organisation;

    private static bool Exceeds(int parts, Tally whole) =>
        parts > (whole.Qualifier == Qualifier.Approximate ? whole.Count * (1 + ApproximateSlack) : whole.Count);

    private static bool IsClaim(Tally tally) => AlternativeRelations.IsClaimLike(tally.Qualifier, tally.Source);

    // "Fewer than the figure in all: 40", "More than the figure for the United Kingdom: 3".
    private static string ThanTheFigure(string comparison, string scope, string hostCountry, string count) => scope == Scopes.All
        ? Localization.Say.Format($"Conflict.{comparison}TheFigureInAll", count)
        : Localization.Say.Format($"Conflict.{comparison}TheFigureFor", Terms.ScopeWords(scope, hostCountry), count);

    private static string Listed(IEnumerable<string> items) => string.Join(Localization.Say.Text("List.Separator"), items);

    private static string CountWords(Tally tally) => Terms.CountWords(tally.Count, tally.Qualifier);
}
