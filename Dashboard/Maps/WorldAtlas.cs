using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Dashboard.Maps;

/// <summary>A country as drawn: its ISO alpha-2 code (null where Natural Earth gives none), its outline's rings in map
/// units and the same as an SVG path, and a point inside it for a marker.</summary>
public sealed record CountryShape(string? Code, string Name, IReadOnlyList<MapPoint[]> Rings, string Path, MapPoint Centre);

public readonly record struct MapPoint(double X, double Y);

/// <summary>
/// The world's countries from Natural Earth at 1:110m (public domain; the world-atlas npm package's TopoJSON, embedded
/// at build), decoded and projected once per process: every screen draws from the same shapes and path strings.
/// </summary>
public sealed class WorldAtlas
{
    private static readonly Lazy<WorldAtlas> Loaded = new(Load);

    public static WorldAtlas World => Loaded.Value;

    private readonly Dictionary<string, CountryShape> _byCode;

    private WorldAtlas(IReadOnlyList<CountryShape> shapes)
    {
        Shapes = shapes;
        _byCode = shapes.Where(s => s.Code is not null).GroupBy(s => s.Code!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<CountryShape> Shapes { get; }

    /// <summary>The land's extent in map units, for a view box with no empty sea above and below.</summary>
    public (double Left, double Top, double Width, double Height) Bounds
    {
        get
        {
            var points = Shapes.SelectMany(s => s.Rings).SelectMany(r => r).ToArray();
            double left = points.Min(p => p.X), top = points.Min(p => p.Y);
            return (left, top, points.Max(p => p.X) - left, points.Max(p => p.Y) - top);
        }
    }

    /// <summary>A country's shape, or null for one too small to draw at this scale (Singapore, Malta).</summary>
    public CountryShape? Find(string code) => _byCode.GetValueOrDefault(code);

    // Nobody's nationals, and a ring around the pole: left off, so the inhabited world gets the room.
    private const string Antarctica = "010";

    private static WorldAtlas Load()
    {
        using var topology = JsonDocument.Parse(Resource("world-atlas/countries-110m.json"));
        var alpha2 = NumericCodes();
        var root = topology.RootElement;
        var transform = root.GetProperty("transform");
        var scale = transform.GetProperty("scale");
        var translate = transform.GetProperty("translate");
        var arcs = root.GetProperty("arcs").EnumerateArray()
            .Select(arc => DecodeArc(arc, scale[0].GetDouble(), scale[1].GetDouble(), translate[0].GetDouble(), translate[1].GetDouble()))
            .ToArray();
        var shapes = new List<CountryShape>();
        foreach (var geometry in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [geometry.GetProperty("arcs")],
                "MultiPolygon" => geometry.GetProperty("arcs").EnumerateArray().ToArray(),
                _ => Array.Empty<JsonElement>(),
            };
            var numeric = geometry.TryGetProperty("id", out var id) ? id.GetString() : null;
            if (numeric == Antarctica)
                continue;
            var rings = polygons.SelectMany(polygon => polygon.EnumerateArray())
                .SelectMany(ring => Antimeridian.Split(Ring(ring, arcs)))
                .Where(r => r.Length > 2)
                .Select(r => r.Select(p => MapProjection.Project(p.X, p.Y)).ToArray())
                .ToArray();
            if (rings.Length == 0)
                continue;
            var name = geometry.GetProperty("properties").GetProperty("name").GetString() ?? "";
            shapes.Add(new CountryShape(numeric is null ? null : alpha2.GetValueOrDefault(numeric), name, rings, PathOf(rings), CentreOf(rings)));
        }
        return new WorldAtlas(shapes);
    }

    // Arcs are delta-encoded, quantised positions; a negative index means the arc read backwards (~i).
    private static MapPoint[] DecodeArc(JsonElement arc, double kx, double ky, double dx, double dy)
    {
        var points = new List<MapPoint>();
        int x = 0, y = 0;
        foreach (var position in arc.EnumerateArray())
        {
            x += position[0].GetInt32();
            y += position[1].GetInt32();
            points.Add(new MapPoint(x * kx + dx, y * ky + dy)); // longitude, latitude: projected once split at ±180°
        }
        return [.. points];
    }

    private static MapPoint[] Ring(JsonElement ring, MapPoint[][] arcs)
    {
        var points = new List<MapPoint>();
        foreach (var index in ring.EnumerateArray().Select(i => i.GetInt32()))
        {
            var arc = index >= 0 ? arcs[index] : arcs[~index].Reverse().ToArray();
            points.AddRange(points.Count == 0 ? arc : arc.Skip(1)); // an arc starts where the last ended
        }
        return [.. points];
    }

    private static string PathOf(IEnumerable<MapPoint[]> rings)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            string? last = null;
            for (var i = 0; i < ring.Length; i++)
            {
                var point = $"{Num(ring[i].X)},{Num(ring[i].Y)}";
                if (point == last)
                    continue; // points a tenth of a unit apart are one on screen
                path.Append(i == 0 ? 'M' : 'L').Append(point);
                last = point;
            }
            path.Append('Z');
        }
        return path.ToString();
    }

    // The middle of the largest ring's bounds: good enough for a marker on a country (a concave one may miss it slightly).
    private static MapPoint CentreOf(IEnumerable<MapPoint[]> rings)
    {
        var largest = rings.MaxBy(r => (r.Max(p => p.X) - r.Min(p => p.X)) * (r.Max(p => p.Y) - r.Min(p => p.Y)))!;
        return new((largest.Min(p => p.X) + largest.Max(p => p.X)) / 2, (largest.Min(p => p.Y) + largest.Max(p => p.Y)) / 2);
    }

    // ISO 3166-1 numeric → alpha-2, from the i18n-iso-countries npm package's codes (MIT).
    private static Dictionary<string, string> NumericCodes()
    {
        using var codes = JsonDocument.Parse(Resource("i18n-iso-countries/codes.json"));
        return codes.RootElement.EnumerateArray().ToDictionary(row => row[2].GetString()!, row => row[0].GetString()!, StringComparer.Ordinal);
    }

    private static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The build embeds {name} from node_modules (Dashboard.csproj, CopyNpmAssets); it is missing.");

    internal static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>
/// Natural Earth I (Šavrič, Patterson and Jenny, 2011; the same polynomial as d3-geo's geoNaturalEarth1): the whole
/// world in one picture without Mercator's giant poles. Longitude and latitude in degrees to map units, north up.
/// </summary>
public static class MapProjection
{
    public const double Width = 960, Height = 500;
    private const double Scale = 174, CentreX = Width / 2, CentreY = Height / 2 - 6;

    public static MapPoint Project(double longitude, double latitude)
    {
        var lambda = longitude * Math.PI / 180;
        var phi = latitude * Math.PI / 180;
        double phi2 = phi * phi, phi4 = phi2 * phi2;
        var x = lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
        var y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
        return new(CentreX + x * Scale, CentreY - y * Scale);
    }
}
