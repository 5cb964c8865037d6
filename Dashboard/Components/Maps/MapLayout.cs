using System.Globalization;
using Dashboard.Maps;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Maps;

/// <summary>
/// The world map's fixed parts, made once per process and shared by every screen: the land as one path (a screen
/// holds a reference, not a copy), the hatch patterns for claims, and where an incident's site goes.
/// </summary>
public static class MapLayout
{
    /// <summary>The land with a little sea around it.</summary>
    public static string ViewBox { get; } = WorldAtlas.World.Bounds is var (left, top, width, height)
        ? $"{Num(Math.Floor(left - 4))} {Num(Math.Floor(top - 4))} {Num(Math.Ceiling(width + 8))} {Num(Math.Ceiling(height + 8))}"
        : "";

    /// <summary>Every country in the background grey, borders in white: one element for the whole world.</summary>
    public static MarkupString Land { get; } = new HtmlBuilder()
        .Void("path", "map-land", ("d", string.Concat(WorldAtlas.World.Shapes.Select(s => s.Path))), ("aria-hidden", "true"))
        .ToMarkup();

    /// <summary>A pattern per shade: a claim is drawn in its shade's colour, hatched, never solid.</summary>
    public static MarkupString Hatches { get; } = HatchPatterns();

    public static string HatchId(Shade shade) => $"map-hatch-{ShadeClass(shade)}";

    public static string ShadeClass(Shade shade) => shade.ToString().ToLowerInvariant();

    /// <summary>The site's marker position, or null for an incident with no coordinates.</summary>
    public static MapPoint? SiteOf(Incident incident) =>
        incident.Latitude is { } lat && incident.Longitude is { } lon ? MapProjection.Project(lon, lat) : null;

    /// <summary>A place where events happened, where it goes on the map, and its events as its title lists them.</summary>
    public sealed record PlaceMark(MapPoint At, string Title);

    /// <summary>Each place named in <paramref name="events"/>, once, with its events in time order: "Tigantourine gas plant: Wed 16 Jan, 05:30 Dawn raid; …".</summary>
    public static IReadOnlyList<PlaceMark> Places(IEnumerable<TimelineEntry> events, Incident incident) => [.. events
        .Where(e => e.Place is not null)
        .GroupBy(e => e.Place!)
        .Select(place => new PlaceMark(MapProjection.Project(place.Key.Longitude, place.Key.Latitude),
            $"{place.Key.Name}: " + string.Join("; ", place.OrderBy(e => e.At).Select(e => $"{Components.Situation.SituationText.LocalTime(e.At, incident)} {e.Title}"))))];

    /// <summary>A small diamond around <paramref name="at"/>: an event's place, unlike the site's ring.</summary>
    public static string Diamond(MapPoint at) =>
        $"M{Num(at.X)},{Num(at.Y - 5)}L{Num(at.X + 5)},{Num(at.Y)}L{Num(at.X)},{Num(at.Y + 5)}L{Num(at.X - 5)},{Num(at.Y)}Z";

    /// <summary>"27.90° N, 9.13° E".</summary>
    public static string Coordinates(double latitude, double longitude) => string.Create(CultureInfo.InvariantCulture,
        $"{Math.Abs(latitude):0.00}° {(latitude < 0 ? "S" : "N")}, {Math.Abs(longitude):0.00}° {(longitude < 0 ? "W" : "E")}");

    private static MarkupString HatchPatterns()
    {
        var defs = new HtmlBuilder().Open("defs");
        foreach (var shade in Enum.GetValues<Shade>())
            defs.Open("pattern", $"map-hatch shade-{ShadeClass(shade)}", ("id", HatchId(shade)), ("patternUnits", "userSpaceOnUse"),
                    ("width", "5"), ("height", "5"), ("patternTransform", "rotate(45)"))
                .Void("rect", "map-hatch-ground", ("width", "5"), ("height", "5"))
                .Void("line", "map-hatch-line", ("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "5"))
                .Close("pattern");
        return defs.Close("defs").ToMarkup();
    }

    public static string Num(double value) => WorldAtlas.Num(value);
}
