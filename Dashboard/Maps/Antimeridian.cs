namespace Dashboard.Maps;

/// <summary>
/// Rings that cross the ±180° meridian (Russia's Chukotka, Fiji) would be drawn as a band across the whole world:
/// each such ring is unwrapped into one continuous run of longitudes and clipped into its part west of 180° and its
/// part east of −180°. Points are (longitude, latitude).
/// </summary>
public static class Antimeridian
{
    public static IEnumerable<MapPoint[]> Split(MapPoint[] ring)
    {
        if (!Crosses(ring))
            return [ring];
        var unwrapped = Unwrap(ring);
        return new[]
        {
            Clip(unwrapped, 180, keepBelow: true),
            Clip(unwrapped.Select(p => p with { X = p.X - 360 }).ToArray(), -180, keepBelow: false),
            Clip(unwrapped.Select(p => p with { X = p.X + 360 }).ToArray(), 180, keepBelow: true),
        }.Where(part => part.Length > 2 && part.Any(p => p.X is > -180 and < 180));
    }

    private static bool Crosses(MapPoint[] ring) => ring.Zip(ring.Skip(1)).Any(pair => Math.Abs(pair.Second.X - pair.First.X) > 180);

    private static MapPoint[] Unwrap(MapPoint[] ring)
    {
        var result = new MapPoint[ring.Length];
        result[0] = ring[0];
        for (var i = 1; i < ring.Length; i++)
        {
            var x = ring[i].X;
            while (x - result[i - 1].X > 180) x -= 360;
            while (x - result[i - 1].X < -180) x += 360;
            result[i] = ring[i] with { X = x };
        }
        return result;
    }

    // Sutherland–Hodgman against one vertical line: a ring's part on one side, closed along the line.
    private static MapPoint[] Clip(MapPoint[] ring, double edge, bool keepBelow)
    {
        bool Inside(MapPoint p) => keepBelow ? p.X <= edge : p.X >= edge;
        var kept = new List<MapPoint>();
        for (var i = 0; i < ring.Length; i++)
        {
            var (from, to) = (ring[i], ring[(i + 1) % ring.Length]);
            if (Inside(from))
                kept.Add(from);
            if (Inside(from) != Inside(to))
                kept.Add(new MapPoint(edge, from.Y + (to.Y - from.Y) * (edge - from.X) / (to.X - from.X)));
        }
        return [.. kept];
    }
}
