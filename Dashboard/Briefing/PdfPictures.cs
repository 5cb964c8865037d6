using Dashboard.Components.Situation;
using Dashboard.Maps;
using PdfSharp.Drawing;

namespace Dashboard.Briefing;

/// <summary>
/// The report's charts and map in the PDF, as vectors: the same geometry the page's SVG is drawn from
/// (<see cref="HeadlineChartLayout"/>, <see cref="WorldAtlas"/>), scaled into the box the sheet gives.
/// </summary>
public static class PdfPictures
{
    private static readonly XColor Ink = XColors.Black, Grid = XColor.FromArgb(200, 200, 200), Line = XColor.FromArgb(25, 84, 166),
        Claim = XColor.FromArgb(191, 102, 0), Withdrawn = XColor.FromArgb(183, 28, 28), Land = XColor.FromArgb(214, 214, 214);

    public static void Chart(XGraphics g, XRect box, HeadlineChartLayout chart, XFont font, XFont? cjk = null)
    {
        // Labels in any script: day names are the reader's ("1月16日(水)", "الأربعاء 16 يناير").
        void Label(string text, XPoint at, bool right)
        {
            var arabic = text.Any(c => c is >= '\u0600' and <= '\u06FF');
            var width = ScriptRuns.Measure(g, text, font, cjk ?? font, arabic);
            ScriptRuns.Draw(g, text, font, cjk ?? font, XBrushes.Black, right ? at.X - width : at.X, at.Y - font.GetHeight() * 0.8, width, arabic);
        }
        var scale = box.Width / HeadlineChartLayout.Width;
        XPoint At(double x, double y) => new(box.X + x * scale, box.Y + y * scale);
        var grid = new XPen(Grid, 0.4);
        var day = new XPen(Grid, 0.4) { DashStyle = XDashStyle.Dot };
        foreach (var (y, label) in chart.Ticks)
        {
            g.DrawLine(grid, At(HeadlineChartLayout.Left, y), At(HeadlineChartLayout.Width - HeadlineChartLayout.Right, y));
            g.DrawString(label, font, XBrushes.Black, At(HeadlineChartLayout.Left - 4, y + 3), XStringFormats.BaseLineRight);
        }
        foreach (var d in chart.Days)
        {
            g.DrawLine(day, At(d.X, HeadlineChartLayout.Top), At(d.X, HeadlineChartLayout.Height - HeadlineChartLayout.Bottom));
            Label(d.Label, At(d.X + 3, HeadlineChartLayout.Height - HeadlineChartLayout.Bottom + 14), right: false);
        }
        var line = new XPen(Line, 1.6);
        var claimed = new XPen(Line, 1.6) { DashStyle = XDashStyle.Dash };
        foreach (var (x, from, to) in chart.Risers)
            g.DrawLine(line, At(x, from), At(x, to));
        foreach (var segment in chart.Segments)
        {
            g.DrawLine(segment.Claimed ? claimed : line, At(segment.X1, segment.Y), At(segment.X2, segment.Y));
            var start = At(segment.X1, segment.Y);
            g.DrawEllipse(new XSolidBrush(Line), start.X - 1.8, start.Y - 1.8, 3.6, 3.6);
            var (lx, ly, atEdge) = HeadlineChartLayout.LabelAt(segment);
            Label(segment.Label, At(lx, ly), right: atEdge);
        }
        var ring = new XPen(Claim, 1.2);
        foreach (var c in chart.Claims)
        {
            var centre = At(c.X, c.Y);
            g.DrawEllipse(ring, centre.X - 3.5, centre.Y - 3.5, 7, 7); // hollow: a claim is never on the line
        }
        var cross = new XPen(Withdrawn, 1.2);
        foreach (var w in chart.Withdrawn)
        {
            g.DrawLine(cross, At(w.X - 5, w.Y - 5), At(w.X + 5, w.Y + 5));
            g.DrawLine(cross, At(w.X - 5, w.Y + 5), At(w.X + 5, w.Y - 5));
        }
        if (chart.Moment is { } moment)
            g.DrawLine(new XPen(Ink, 0.8) { DashStyle = XDashStyle.Dash }, At(moment, HeadlineChartLayout.Top - 6), At(moment, HeadlineChartLayout.Height - HeadlineChartLayout.Bottom));
    }

    /// <summary>The map's height for the page's width: the land's own proportions.</summary>
    public static double MapHeight(double width) => width * WorldAtlas.World.Bounds.Height / WorldAtlas.World.Bounds.Width;

    public static void Map(XGraphics g, XRect box, IReadOnlyList<CountryMark> marks, MapPoint? site, IReadOnlyList<MapPoint> places)
    {
        var (left, top, width, _) = WorldAtlas.World.Bounds;
        var scale = box.Width / width;
        XPoint At(MapPoint p) => new(box.X + (p.X - left) * scale, box.Y + (p.Y - top) * scale);
        XGraphicsPath Outline(CountryShape shape)
        {
            var path = new XGraphicsPath();
            foreach (var r in shape.Rings)
                path.AddPolygon(r.Select(At).ToArray());
            return path;
        }
        var border = new XPen(XColors.White, 0.3);
        foreach (var shape in WorldAtlas.World.Shapes)
            g.DrawPath(border, new XSolidBrush(Land), Outline(shape));
        foreach (var mark in marks.Where(m => m.Shape is not null))
        {
            var outline = Outline(mark.Shape!);
            var colour = ShadeColour(mark.Shade);
            if (!mark.Claimed)
            {
                g.DrawPath(border, new XSolidBrush(colour), outline);
                continue;
            }
            // Hatched, never solid: white inside, the shade's colour in diagonal strokes clipped to the country.
            g.DrawPath(new XPen(colour, 0.6), XBrushes.White, outline);
            var state = g.Save();
            g.IntersectClip(outline);
            var points = mark.Shape!.Rings.SelectMany(r => r).Select(At).ToArray();
            double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
            var hatch = new XPen(colour, 0.9);
            for (var x = minX - (maxY - minY); x < maxX; x += 3)
                g.DrawLine(hatch, x, maxY, x + (maxY - minY), minY);
            g.Restore(state);
        }
        foreach (var place in places.Select(At))
            g.DrawPolygon(new XPen(Ink, 0.8), new XSolidBrush(XColor.FromArgb(0xff, 0xeb, 0x3b)),
                [new(place.X, place.Y - 3), new(place.X + 3, place.Y), new(place.X, place.Y + 3), new(place.X - 3, place.Y)], XFillMode.Winding);
        if (site is { } point)
        {
            var at = At(point);
            g.DrawEllipse(new XPen(Ink, 1.2), XBrushes.White, at.X - 3.5, at.Y - 3.5, 7, 7);
            g.DrawEllipse(XBrushes.Black, at.X - 1.2, at.Y - 1.2, 2.4, 2.4);
        }
    }

    // The stylesheet's --map-* colours: one shade reads the same on the page and on paper.
    public static XColor ShadeColour(Shade shade) => shade switch
    {
        Shade.Killed => XColor.FromArgb(0xb7, 0x1c, 0x1c),
        Shade.Held => XColor.FromArgb(0xe6, 0x51, 0x00),
        Shade.Missing => XColor.FromArgb(0x6a, 0x1b, 0x9a),
        Shade.Freed => XColor.FromArgb(0x2e, 0x7d, 0x32),
        _ => XColor.FromArgb(0x54, 0x6e, 0x7a),
    };
}
