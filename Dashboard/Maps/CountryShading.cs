using Dashboard.Localization;
using Dashboard.Situation;

namespace Dashboard.Maps;

/// <summary>What happened to a nationality's people, as the map shades it: the gravest outcome its figures report.</summary>
public enum Shade { Killed, Held, Missing, Freed, Other }

/// <summary>A nationality on the map: its shade, whether that figure is only a claim (hatched, never solid), and what
/// its title says ("Japan: 10 killed, 7 freed").</summary>
public sealed record CountryMark(string Code, string Name, Shade Shade, bool Claimed, string Title, CountryShape? Shape);

/// <summary>
/// The map's reading of the per-nationality figures: each nationality takes the shade of the gravest thing its figures
/// report — killed, then still held (or unaccounted for, once the incident has ended), then missing, then freed.
/// </summary>
public static class CountryShading
{
    // The order is the legend's too: a darker fate outranks a lighter one.
    private static readonly (Shade Shade, FigureStatus[] Statuses)[] Gravest =
    [
        (Shade.Killed, [FigureStatus.Killed]),
        (Shade.Held, [FigureStatus.Held]),
        (Shade.Missing, [FigureStatus.Missing, FigureStatus.DeadOrMissing]),
        (Shade.Freed, [FigureStatus.Freed]),
    ];

    private static readonly IReadOnlyList<FigureStatus> Listed = Terms.ShownIn(StatusTables.PageCountries);

    public static IReadOnlyList<CountryMark> Marks(IEnumerable<CountryBreakdown> rows, bool ended, WorldAtlas atlas) =>
        [.. rows.Select(row => Mark(row, ended, atlas.Find(row.Country)))];

    /// <summary>The gravest figure not merely claimed decides the shade; only a nationality with nothing but claims is hatched.</summary>
    public static CountryMark Mark(CountryBreakdown row, bool ended, CountryShape? shape)
    {
        var title = Say.Format("Map.CountryTitle", Countries.NameOf(row.Country), Counts(row, ended));
        if (GravestOf(row, claims: false) is { } reported)
            return new CountryMark(row.Country, row.Name, reported, Claimed: false, title, shape);
        return new CountryMark(row.Country, row.Name, GravestOf(row, claims: true) ?? Shade.Other, Claimed: GravestOf(row, claims: true) is not null, title, shape);
    }

    private static Shade? GravestOf(CountryBreakdown row, bool claims) => Gravest
        .Where(g => g.Statuses.Any(status => CountOf(row, status) > 0 && IsClaim(row, status) == claims))
        .Select(g => (Shade?)g.Shade)
        .FirstOrDefault();

    private static bool IsClaim(CountryBreakdown row, FigureStatus status) =>
        row.Qualifiers.GetValueOrDefault(Vocabulary.WireName(status)) == Qualifier.Claimed;

    /// <summary>The legend's words for a shade.</summary>
    public static string Words(Shade shade, bool ended) => shade switch
    {
        Shade.Held when ended => Terms.Of(FigureStatus.Held).WordsAtTheEnd,
        Shade.Killed or Shade.Held or Shade.Missing or Shade.Freed => Say.Text($"Shade.{shade}"),
        _ => Say.Text("Shade.Other"),
    };

    public static IReadOnlyList<Shade> Legend { get; } = [.. Gravest.Select(g => g.Shade)];

    private static int CountOf(CountryBreakdown row, FigureStatus status) => row.Counts.GetValueOrDefault(Vocabulary.WireName(status));

    private static string Counts(CountryBreakdown row, bool ended) => string.Join(Say.Text("List.Separator"), Listed
        .Where(status => CountOf(row, status) > 0)
        .Select(status => Say.Format("Map.Count", Terms.CountWords(CountOf(row, status), row.Qualifiers.GetValueOrDefault(Vocabulary.WireName(status))),
            ended ? Terms.Of(status).WordsAtTheEnd : Terms.Of(status).Words)));
}
