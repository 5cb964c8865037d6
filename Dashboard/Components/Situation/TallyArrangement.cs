using Dashboard.Situation;

namespace Dashboard.Components.Situation;

/// <summary>
/// Lays the headlines out so the big numbers read first: hostages killed, freed, missing, held; militants killed;
/// security forces killed; then the rest. Overall figures, nationalities and companies are kept apart, and each
/// figure knows the total it is a part of ("107 of 132").
/// </summary>
public sealed class TallyArrangement
{
    // Keyed by the list itself: every screen showing one live state unfiltered holds the same list.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<Tally>, TallyArrangement> Shared = new();
    private readonly Dictionary<(FigureGroup, string, string?), Tally> _totals;
    private readonly (string HostCountry, bool Ended) _madeFor;

    /// <summary>
    /// The arrangement of these headlines, worked out once per live state and shared by every screen that shows them
    /// unfiltered: with thousands of screens open, sorting the same figures on each of them after every write added up.
    /// </summary>
    public static TallyArrangement Of(IReadOnlyList<Tally> tallies, CountryFilter filter, string hostCountry, bool ended = false)
    {
        if (!filter.IsEmpty)
            return new TallyArrangement(tallies, filter, hostCountry, ended);
        if (Shared.TryGetValue(tallies, out var made) && made._madeFor == (hostCountry, ended))
            return made;
        made = new TallyArrangement(tallies, filter, hostCountry, ended);
        Shared.AddOrUpdate(tallies, made);
        return made;
    }

    /// <param name="ended">The incident had ended by the moment shown: the final figures lead, the last "still held" follow.</param>
    public TallyArrangement(IReadOnlyList<Tally> tallies, CountryFilter filter, string hostCountry, bool ended = false)
    {
        _madeFor = (hostCountry, ended);
        int Rank(Tally tally) => (ended && Terms.Of(tally.Status).IsPresentState ? 1000 : 0) + TallyArrangement.Rank(tally);
        _totals = tallies.Where(t => t.Status == FigureStatus.Total).ToDictionary(t => (t.Group, t.Scope, t.Organisation));
        var counted = tallies.Where(t => t.Status != FigureStatus.Total).ToArray();

        Overall = counted.Where(t => t.Organisation is null && Scopes.IsAggregate(t.Scope)).OrderBy(Rank).ThenBy(t => t, TallyComparer).ToArray();
        Nationalities = counted.Where(t => t.Organisation is null && !Scopes.IsAggregate(t.Scope) && filter.Includes(t.Scope, hostCountry))
            .OrderBy(Rank).ThenByDescending(t => t.Count).ThenBy(t => t.Scope, StringComparer.Ordinal).ToArray();
        Organisations = filter.IsEmpty
            ? counted.Where(t => t.Organisation is not null).OrderBy(t => t.Organisation, StringComparer.Ordinal).ThenBy(Rank).ToArray()
            : [];
        Totals = filter.IsEmpty
            ? _totals.Values.OrderBy(t => t.Group).ThenBy(t => t, TallyComparer).ToArray()
            : _totals.Values.Where(t => !Scopes.IsAggregate(t.Scope) && filter.Includes(t.Scope, hostCountry)).ToArray();
    }

    public IReadOnlyList<Tally> Overall { get; }
    public IReadOnlyList<Tally> Nationalities { get; }
    public IReadOnlyList<Tally> Organisations { get; }
    public IReadOnlyList<Tally> Totals { get; }

    /// <summary>How many were there of whom <paramref name="tally"/> counts some, if known and not contradicted: "of 700"
    /// beside figures that add up to more would read as settled.</summary>
    public Tally? TotalFor(Tally tally) =>
        tally.Status == FigureStatus.Total || tally.Conflicts.Count > 0 ? null
        : _totals.GetValueOrDefault((tally.Group, tally.Scope, tally.Organisation)) is { Conflicts.Count: 0 } total ? total : null;

    private readonly string?[] _totalsSentence = new string?[Dashboard.Localization.Languages.All.Count];

    /// <summary>"about 800 hostages (in all, …) · …": made once per arrangement, which every unfiltered screen shares.</summary>
    public string TotalsSentence(Incident incident) => _totalsSentence[Dashboard.Localization.Languages.IndexOfCurrent] ??= string.Join(" · ", Totals.Select(t =>
        Dashboard.Localization.Say.Format("Totals.Line", Terms.CountWords(t.Count, t.Qualifier), SituationText.GroupName(t.Group).ToLower(Dashboard.Localization.Say.Culture),
            SituationText.Subject(t, incident), t.Source.Name)));

    public static int Rank(Tally tally) => Terms.ReadingRank(tally.Group, tally.Status);

    private static readonly IComparer<Tally> TallyComparer = Comparer<Tally>.Create(TallyOrder.Compare);
}
