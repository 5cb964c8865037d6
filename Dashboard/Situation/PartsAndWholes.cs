namespace Dashboard.Situation;

/// <summary>Where one headline contradicts another: the figure it contradicts, and why, in words.</summary>
public sealed record HeadlineConflict(FigureKey With, string Says);

/// <summary>
/// The figures of one moment checked against each other, never hidden: a whole ("in all", "foreign nationals") is at
/// least each of its parts and at least what its parts add up to ("in all" is local and foreign; "foreign" holds every
/// other nationality), and what became of a group's people (killed, freed, missing, still held) cannot add up to more
/// than how many were at the site. Every headline that breaks one of these says so beside its figure. A claim is left
/// out: it is the perpetrators' word, said as such on its own card, and disputing it is no contradiction of the figures.
/// </summary>
public static class PartsAndWholes
{
    /// <summary>How far beyond "about N" its parts may go and still be about N: "about 30" militants and 32 killed agree.</summary>
    public const double ApproximateSlack = 0.10;

    /// <summary>What became of people who were there, which together cannot exceed how many were there.</summary>
    private static readonly FigureStatus[] Outcomes = [FigureStatus.Killed, FigureStatus.Freed, FigureStatus.Missing, FigureStatus.Held];

    /// <summary>The tallies, each carrying the conflicts it takes part in (most carry none, and are returned as they are).</summary>
    public static IReadOnlyList<Tally> Checked(IReadOnlyList<Tally> tallies, string hostCountry)
    {
        var byKey = new Dictionary<FigureKey, Tally>(tallies.Count);
        foreach (var tally in tallies)
            if (!IsClaim(tally))
                byKey[tally.Key] = tally;
        var found = new Dictionary<FigureKey, List<HeadlineConflict>>();
        void Say(FigureKey on, FigureKey with, string says) =>
            (found.TryGetValue(on, out var list) ? list : found[on] = []).Add(new HeadlineConflict(with, says));

        // Each nationality's figures by what they count, gathered once: a view has far more nationalities than wholes.
        var countries = new Dictionary<(FigureGroup, FigureStatus, string?), List<Tally>>();
        foreach (var tally in byKey.Values)
            if (!Scopes.IsAggregate(tally.Scope))
                (countries.TryGetValue((tally.Group, tally.Status, tally.Organisation), out var list) ? list : countries[(tally.Group, tally.Status, tally.Organisation)] = []).Add(tally);

        foreach (var whole in byKey.Values)
        {
            if (whole.Scope is Scopes.All or Scopes.Foreign)
                CheckScopes(whole, byKey, countries.GetValueOrDefault((whole.Group, whole.Status, whole.Organisation)) ?? [], hostCountry, Say);
            if (whole.Status == FigureStatus.Total)
                CheckOutcomes(whole, byKey, hostCountry, Say);
        }
        if (found.Count == 0)
            return tallies;
        return tallies.Select(t => found.TryGetValue(t.Key, out var conflicts) ? t with { Conflicts = conflicts } : t).ToArray();
    }

    // A whole against each part alone, then against what its parts add up to when no single part already says so.
    private static void CheckScopes(Tally whole, Dictionary<FigureKey, Tally> byKey, List<Tally> countries, string hostCountry,
        Action<FigureKey, FigureKey, string> say)
    {
        Tally? Part(string scope) => byKey.GetValueOrDefault(whole.Key with { Scope = scope });
        var (local, foreign) = whole.Scope == Scopes.All ? (Part(Scopes.Local), Part(Scopes.Foreign)) : (null, null);
        var parts = new[] { local, foreign }.OfType<Tally>().Concat(countries).ToList();

        var belowOne = false;
        foreach (var part in parts.Where(p => Exceeds(p.Count, whole)))
        {
            belowOne = true;
            say(whole.Key, part.Key, $"Fewer than the figure {For(part.Scope, hostCountry)}: {CountWords(part)}");
            say(part.Key, whole.Key, $"More than the figure {For(whole.Scope, hostCountry)}: {CountWords(whole)}");
        }
        if (belowOne)
            return;
        // In all: local and foreign, or every nationality (the host's own as local); foreign: every other nationality.
        List<List<Tally>> sums = [countries];
        if (local is not null)
            sums = [[local, .. countries]];
        if (local is not null && foreign is not null)
            sums.Insert(0, [local, foreign]);
        foreach (var summed in sums)
            if (summed.Count > 1 && summed.Sum(p => p.Count) is var sum && Exceeds(sum, whole))
            {
                say(whole.Key, summed.MaxBy(p => p.Count)!.Key,
                    $"Fewer than its parts add up to: {sum} ({string.Join(", ", summed.OrderByDescending(p => p.Count).Select(p => $"{Terms.ScopeWords(p.Scope, hostCountry)} {CountWords(p)}"))})");
                return;
            }
    }

    // An outcome for everyone is at least what its local and foreign figures add up to, when those are known apart.
    private static void CheckOutcomes(Tally total, Dictionary<FigureKey, Tally> byKey, string hostCountry, Action<FigureKey, FigureKey, string> say)
    {
        var outcomes = new List<(Tally Tally, int Count, string Words, bool Apart)>();
        foreach (var status in Outcomes)
        {
            var own = byKey.GetValueOrDefault(total.Key with { Status = status });
            var (local, foreign) = total.Scope == Scopes.All
                ? (byKey.GetValueOrDefault(total.Key with { Status = status, Scope = Scopes.Local }), byKey.GetValueOrDefault(total.Key with { Status = status, Scope = Scopes.Foreign }))
                : (null, null);
            var apart = local is not null && foreign is not null ? local.Count + foreign.Count : 0;
            if (own is not null && own.Count >= apart)
                outcomes.Add((own, own.Count, CountWords(own), false));
            else if (apart > 0)
                outcomes.Add((foreign!, apart, $"{apart} ({Terms.ScopeWords(Scopes.Local, hostCountry)} {CountWords(local!)}, {Terms.ScopeWords(Scopes.Foreign, hostCountry)} {CountWords(foreign!)})", true));
        }
        var over = outcomes.Where(o => Exceeds(o.Count, total)).ToList();
        foreach (var outcome in over)
        {
            say(total.Key, outcome.Tally.Key, $"Fewer than {Terms.Of(outcome.Tally.Status).Words}: {outcome.Words}");
            if (!outcome.Apart)
                say(outcome.Tally.Key, total.Key, $"More than {Terms.Of(FigureStatus.Total).Words}: {CountWords(total)}");
        }
        if (over.Count == 0 && outcomes.Count > 1 && outcomes.Sum(o => o.Count) is var sum && Exceeds(sum, total))
            say(total.Key, outcomes.MaxBy(o => o.Count).Tally.Key,
                $"Fewer than {string.Join(", ", outcomes.Select(o => Terms.Of(o.Tally.Status).Words))} add up to: {sum} ({string.Join(", ", outcomes.OrderByDescending(o => o.Count).Select(o => $"{Terms.Of(o.Tally.Status).Words} {o.Words}"))})");
    }

    private static bool Exceeds(int parts, Tally whole) =>
        parts > (whole.Qualifier == Qualifier.Approximate ? whole.Count * (1 + ApproximateSlack) : whole.Count);

    private static bool IsClaim(Tally tally) => AlternativeRelations.IsClaimLike(tally.Qualifier, tally.Source);

    // "in all", "for foreign nationals", "for the United Kingdom".
    private static string For(string scope, string hostCountry) =>
        scope == Scopes.All ? "in all" : "for " + Terms.ScopeWords(scope, hostCountry);

    private static string CountWords(Tally tally) => Terms.CountWords(tally.Count, tally.Qualifier);
}
