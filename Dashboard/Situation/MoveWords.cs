using Dashboard.Localization;

namespace Dashboard.Situation;

/// <summary>
/// How a headline's move reads, in one place for the changes strip, the wall, "Changes since…", the situation report
/// and the API: qualifiers are never dropped ("23 → at least 40"), and a move out of a claim is the first confirmed
/// figure, not a rise ("first confirmed figure 37 (the perpetrators had claimed 35)").
/// </summary>
public static class MoveWords
{
    /// <summary>One side of a move: a count and how sure it is, and whether it was only claimed (and by the perpetrators).</summary>
    public readonly record struct Side(int Count, Qualifier Qualifier, bool IsClaim, bool ByPerpetrators)
    {
        public static Side? Of(Tally? tally) => tally is null ? null
            : new Side(tally.Count, tally.Qualifier, AlternativeRelations.IsClaimLike(tally.Qualifier, tally.Source), tally.Source.Kind == SourceKind.Perpetrator);

        public string Words => Terms.CountWords(Count, Qualifier == Qualifier.Claimed ? Qualifier.Exact : Qualifier) is var count && IsClaim
            ? Say.Format("Move.Claimed", count) : count;
    }

    /// <summary>"23 → at least 40", "new → 5", "first confirmed figure 37 (the perpetrators had claimed 35)", "12 → none".</summary>
    public static string Move(Side? from, Side? to)
    {
        if (from is { IsClaim: true } claim && to is { IsClaim: false } confirmed)
            return Say.Format(claim.ByPerpetrators ? "Move.FirstConfirmed" : "Move.FirstConfirmedAfterSource", confirmed.Words, claim.Count);
        return Say.Format("Move.FromTo", from?.Words ?? Say.Text("Move.New"), to?.Words ?? Say.Text("Move.None"));
    }

    /// <summary>"CORRECTION: Hostages killed, Norway 5 withdrawn — reason (now 4)", the reason as given.</summary>
    public static string Correction(string what, Side? withdrawn, Side? now, string reason) =>
        Say.Format("Move.Correction", what, withdrawn?.Words ?? Say.Text("Move.AFigure"), reason, now switch
        {
            null => Say.Text("Move.NoFigureNow"),
            { } n when n == withdrawn => Say.Format("Move.GivenAgain", n.Words),
            { } n => Say.Format("Move.Now", n.Words),
        });

    /// <summary>
    /// A move as the changes strip, the wall and the feed say it: "Hostages killed, Japan 9 → 10 (Kyodo)", or a
    /// correction with its <paramref name="reason"/> (given already without names where the reader is everyone).
    /// </summary>
    public static string Sentence(HeadlineMove move, Incident incident, string? reason, bool withSource)
    {
        var what = Say.Format("Move.What", Terms.Heading(move.Key.Group, move.Key.Status), move.Key.Organisation ?? Terms.ScopeWords(move.Key.Scope, incident.HostCountry));
        if (move.Correction)
            return Correction(what, move.From, move.To, reason ?? "");
        return !withSource || move.Source is null
            ? Say.Format("Move.Sentence", what, Move(move.From, move.To))
            : Say.Format("Move.WithSource", what, Move(move.From, move.To), move.Source);
    }

    /// <summary>"Sat 19 Jan 2013, 20:00 (Africa/Algiers)": a time as the incident's clock reads it, for words that leave the page.</summary>
    public static string When(Incident incident, DateTimeOffset at) =>
        Say.Format("When.WithZone", Say.Date(incident.InLocalTime(at), "Format.DayYearTime"), incident.TimeZone);

    /// <summary>Whether a move is about the nationalities a reader follows: a desk narrowed to Britons is told of Britons.</summary>
    public static bool Concerns(HeadlineMove move, CountryFilter countries, Incident incident) =>
        countries.IsEmpty || move.Key.Organisation is null && !Scopes.IsAggregate(move.Key.Scope) && countries.Includes(move.Key.Scope, incident.HostCountry);

    /// <summary>
    /// The strip's moves, newest first, with each correction told once: a figure withdrawn and then given again reads as
    /// one correction saying what stands now, not as a new figure above a withdrawal that is no longer true.
    /// </summary>
    public static IReadOnlyList<HeadlineMove> Folded(IReadOnlyList<HeadlineMove> newestFirst)
    {
        var folded = new List<HeadlineMove>(newestFirst.Count);
        var laterByKey = new Dictionary<FigureKey, int>();
        // Walked oldest first, so a correction sees the moves after it.
        for (var i = newestFirst.Count - 1; i >= 0; i--)
        {
            var move = newestFirst[i];
            if (!move.Correction && laterByKey.TryGetValue(move.Key, out var at) && folded[at].Correction && folded[at].To == move.From)
            {
                folded[at] = folded[at] with { To = move.To, At = move.At };
                continue;
            }
            laterByKey[move.Key] = folded.Count;
            folded.Add(move);
        }
        return folded.OrderByDescending(m => m.At).ToArray();
    }
}
