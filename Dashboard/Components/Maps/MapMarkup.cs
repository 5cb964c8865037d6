using System.Runtime.CompilerServices;
using Dashboard.Localization;
using Dashboard.Maps;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Maps;

/// <summary>
/// The map of one state of an incident as one piece of markup, made once and shared by every screen that shows the same
/// rows from the same address: a thousand open pages hold one string, not a thousand render trees of shapes and titles.
/// </summary>
public static class MapMarkup
{
    /// <param name="HrefOf">Where a click on a country goes (the page filtered to it); null: the map is only a picture.</param>
    public sealed record Drawing(IReadOnlyList<CountryBreakdown> Rows, Incident Incident, bool Ended, IReadOnlyList<TimelineEntry> Events,
        bool ListCountries, string? Class, string? LinksFrom, Func<string, string>? HrefOf)
    {
        // The link maker is not part of what is drawn: the address it works from is.
        public bool Draws(Drawing other) => ReferenceEquals(Rows, other.Rows) && Incident == other.Incident && Ended == other.Ended
            && ReferenceEquals(Events, other.Events) && ListCountries == other.ListCountries && Class == other.Class && LinksFrom == other.LinksFrom;
    }

    // Drawn in one language: a screen reading another draws its own (the last language drawn is kept).
    private sealed class Made(Drawing drawing, MarkupString markup, string language)
    {
        public Drawing Drawing { get; } = drawing;
        public MarkupString Markup { get; } = markup;
        public string Language { get; } = language;
    }

    // Keyed by the rows list itself: every screen showing one live state unfiltered holds the same list.
    private static readonly ConditionalWeakTable<IReadOnlyList<CountryBreakdown>, Made> Shared = new();

    public static MarkupString For(Drawing drawing)
    {
        if (Shared.TryGetValue(drawing.Rows, out var made) && made.Drawing.Draws(drawing) && made.Language == Languages.Current)
            return made.Markup;
        var markup = Write(drawing);
        Shared.AddOrUpdate(drawing.Rows, new Made(drawing with { HrefOf = null }, markup, Languages.Current));
        return markup;
    }

    private static MarkupString Write(Drawing d)
    {
        var marks = CountryShading.Marks(d.Rows, d.Ended, WorldAtlas.World);
        var places = MapLayout.Places(d.Events, d.Incident);
        var site = MapLayout.SiteOf(d.Incident);
        var siteTitle = site is null ? null : Say.Format("Map.Site", d.Incident.Location ?? d.Incident.Name, MapLayout.Coordinates(d.Incident.Latitude!.Value, d.Incident.Longitude!.Value));
        var label = Say.Format("Map.Label", d.Incident.Name)
            + (marks.Count == 0 ? ": " + Say.Text("Map.NoNationality") : ": " + string.Join("; ", marks.Select(m => m.Title)))
            + (siteTitle is null ? "" : $". {siteTitle}");

        var html = new HtmlBuilder().Open("figure", $"world-map {d.Class}".Trim())
            .Open("svg", "world-map-svg", ("viewBox", MapLayout.ViewBox), ("role", "group"), ("aria-label", label))
            .Markup(MapLayout.Hatches).Markup(MapLayout.Land);
        foreach (var mark in marks.Where(m => m.Shape is not null))
        {
            var css = $"map-country shade-{MapLayout.ShadeClass(mark.Shade)}{(mark.Claimed ? " map-claimed" : "")}";
            // A claim's fill is its shade's hatch; the solid fills are the stylesheet's.
            var fill = mark.Claimed ? $"fill: url(#{MapLayout.HatchId(mark.Shade)})" : null;
            if (d.HrefOf is { } hrefOf)
                html.Open("a", css, ("href", hrefOf(mark.Code)), ("data-country", mark.Code), ("aria-label", mark.Title));
            else
                html.Open("g", css, ("data-country", mark.Code));
            html.Element("title", null, mark.Title);
            if (fill is null)
                html.Void("path", null, ("d", mark.Shape!.Path));
            else
                html.Void("path", null, ("d", mark.Shape!.Path), ("style", fill));
            if (d.HrefOf is not null)
                html.Open("text", "map-tip", ("x", MapLayout.Num(mark.Shape.Centre.X)), ("y", MapLayout.Num(mark.Shape.Centre.Y)), ("text-anchor", "middle"))
                    .Text(mark.Title).Close("text").Close("a");
            else
                html.Close("g");
        }
        foreach (var place in places)
            html.Open("g", "map-place", ("tabindex", "0"), ("aria-label", place.Title)).Element("title", null, place.Title)
                .Void("path", null, ("d", MapLayout.Diamond(place.At))).Close("g");
        if (site is { } at)
            html.Open("g", "map-site").Element("title", null, siteTitle!)
                .Void("circle", null, ("cx", MapLayout.Num(at.X)), ("cy", MapLayout.Num(at.Y)), ("r", "7"))
                .Void("circle", "map-site-dot", ("cx", MapLayout.Num(at.X)), ("cy", MapLayout.Num(at.Y)), ("r", "2.5"))
                .Close("g");
        html.Close("svg").Open("figcaption", "mud-typography mud-typography-caption world-map-legend");
        foreach (var shade in CountryShading.Legend)
            Key(html, k => k.Void("rect", $"map-swatch shade-{MapLayout.ShadeClass(shade)}", ("width", "12"), ("height", "12")), CountryShading.Words(shade, d.Ended));
        Key(html, k => k.Void("rect", null, ("width", "12"), ("height", "12"), ("style", $"fill: url(#{MapLayout.HatchId(Shade.Killed)})")), Say.Text("Map.HatchedClaimed"));
        if (site is not null)
            Key(html, k => k.Void("circle", "map-site-key", ("cx", "6"), ("cy", "6"), ("r", "4.5")), Say.Text("Map.TheSite"));
        if (places.Count > 0)
            Key(html, k => k.Void("path", "map-place-key", ("d", "M6 1L11 6L6 11L1 6Z")), Say.Text("Map.Places"));
        var undrawn = marks.Where(m => m.Shape is null).ToArray();
        if (d.ListCountries)
            html.Element("span", "d-block world-map-countries", string.Join(" · ", marks.Select(m => m.Title)));
        else if (undrawn.Length > 0)
            html.Element("span", "d-block", Say.Format("Map.TooSmall", string.Join("; ", undrawn.Select(m => m.Title))));
        return html.Close("figcaption").Close("figure").ToMarkup();
    }

    private static void Key(HtmlBuilder html, Action<HtmlBuilder> swatch, string words)
    {
        html.Open("span", "map-key").Open("svg", null, ("viewBox", "0 0 12 12"), ("aria-hidden", "true"));
        swatch(html);
        html.Close("svg").Text(words).Close("span");
    }
}
