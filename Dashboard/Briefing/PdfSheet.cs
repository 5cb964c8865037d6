using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Dashboard.Briefing;

/// <summary>
/// A4 pages written from top to bottom: wrapped paragraphs, headings kept with what follows, tables whose rows never
/// split across pages (the header repeats on each), and "Page n of m" with a footer line on every page at the end.
/// At most so many pages: what would run past the last is left out, and the last page says so
/// (<see cref="SheetFullException"/> stops the writer; <see cref="Finish"/> writes the note).
/// </summary>
public sealed class PdfSheet : IDisposable
{
    private const double Margin = 42.5; // 15 mm
    private const double FooterRoom = 20;
    private const double CellPadding = 3;
    private const int RowsUnderAHeader = 2;

    // Made once the shipped fonts are installed: a font is resolved when it is made.
    private readonly XFont _body, _strong, _small, _smallStrong, _sectionFont, _titleFont;
    private readonly Dictionary<XFont, XFont> _cjk = [];
    private static readonly XPen Rule = new(XColors.Black, 0.6);
    private static readonly XPen CellLine = new(XColors.Gray, 0.4);

    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private readonly int _maxPages;
    private readonly string _cutNote;
    private XGraphics _graphics = null!;
    private double _y;
    private string _section = "";

    /// <param name="title">The document's title, in its properties.</param>
    /// <param name="footer">Said at the foot of every page, so that a loose page still says what it is.</param>
    /// <param name="maxPages">The most pages it runs to.</param>
    /// <param name="cutNote">Said on the last page when something had to be left out: where to read everything.</param>
    public PdfSheet(string title, string footer, int maxPages = int.MaxValue, string cutNote = "")
    {
        (_maxPages, _cutNote) = (Math.Max(1, maxPages), cutNote);
        ShippedFonts.Install();
        (_body, _strong) = (new(ShippedFonts.Family, 9.5), new(ShippedFonts.Family, 9.5, XFontStyleEx.Bold));
        (_small, _smallStrong) = (new(ShippedFonts.Family, 8), new(ShippedFonts.Family, 8, XFontStyleEx.Bold));
        (_sectionFont, _titleFont) = (new(ShippedFonts.Family, 12, XFontStyleEx.Bold), new(ShippedFonts.Family, 17, XFontStyleEx.Bold));
        foreach (var font in new[] { _body, _strong, _small, _smallStrong, _sectionFont, _titleFont })
            _cjk[font] = new XFont(ShippedFonts.CjkFamily, font.Size, font.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        _document.Info.Title = title;
        _document.Info.Creator = "Situation Dashboard";
        _footer = footer;
        NewPage();
    }

    private static double PageHeight => XUnit.FromMillimeter(297).Point;
    private static double Width => XUnit.FromMillimeter(210).Point - 2 * Margin;
    private static double PageBottom => PageHeight - Margin - FooterRoom;

    // The last page keeps room for the note that says what was left out.
    private double Bottom => _document.PageCount < _maxPages ? PageBottom : PageBottom - 4 * _body.GetHeight();

    /// <summary>True when the pages ran out and something was left out.</summary>
    public bool WasCut { get; private set; }

    /// <summary>The handling marking ("OFFICIAL-SENSITIVE") printed at the top and foot of every page; null: none.</summary>
    public string? Marking { get; init; }

    /// <summary>Whether lines read right to left (an Arabic report's): they then start at the right, bullets and the
    /// first column of a table too.</summary>
    public bool RightToLeft { get; init; }

    /// <summary>The page being written (1 for the first).</summary>
    public int Page => _document.PageCount;

    public void Title(string text) => Paragraph(text, _titleFont, after: 4);

    public void Line(string text, bool strong = false, double after = 2) => Paragraph(text, strong ? _strong : _body, after);

    /// <summary>A section's heading with a rule under it, moved to the next page rather than left alone at the foot.</summary>
    public void Section(string text)
    {
        _y += 10;
        EnsureRoom(_sectionFont.GetHeight() + 4 + 3 * _body.GetHeight());
        _section = text;
        Paragraph(text, _sectionFont, after: 0);
        _graphics.DrawLine(Rule, Margin, _y + 1, Margin + Width, _y + 1);
        _y += 5;
    }

    public void SubSection(string text)
    {
        _y += 3;
        EnsureRoom(_strong.GetHeight() + 2 * _body.GetHeight());
        Paragraph(text, _strong, after: 1);
    }

    /// <summary>An item of a list: a bullet, its text wrapped beside it.</summary>
    public void Item(string text)
    {
        const double indent = 10;
        var lines = Wrap(text, _body, Width - indent);
        var height = _body.GetHeight();
        EnsureRoom(height * Math.Min(lines.Count, 2));
        if (RightToLeft)
            _graphics.DrawString("•", _body, XBrushes.Black, Margin + Width - 2, _y, XStringFormats.TopRight);
        else
            _graphics.DrawString("•", _body, XBrushes.Black, Margin + 2, _y, XStringFormats.TopLeft);
        foreach (var line in lines)
        {
            EnsureRoom(height);
            Draw(_graphics, line, _body, RightToLeft ? Margin : Margin + indent, _y, Width - indent);
            _y += height;
        }
        _y += 1.5;
    }

    /// <summary>A picture the width of the page and <paramref name="height"/> tall, on this page if it fits, drawn in
    /// vector by <paramref name="draw"/> into the box it is given, with the sheet's small font.</summary>
    public void Picture(double height, Action<XGraphics, XRect, XFont> draw)
    {
        EnsureRoom(height);
        draw(_graphics, new XRect(Margin, _y, Width, height), _small);
        _y += height + 4;
    }

    /// <summary>A line of small words inside a picture, in its scripts' fonts and the sheet's direction.</summary>
    public void Words(XGraphics graphics, string text, double x, double y, double width) =>
        ScriptRuns.Draw(graphics, text, _small, _cjk[_small], XBrushes.Black, x, y, width, RightToLeft);

    /// <summary>The small font's Japanese and Chinese face, for words inside a picture.</summary>
    public XFont SmallCjk => _cjk[_small];

    /// <summary>The width a picture gets.</summary>
    public static double PictureWidth => Width;

    /// <summary>A table filling the width; <paramref name="shares"/> divide it among the columns.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> shares, IEnumerable<IReadOnlyList<string>> rows)
    {
        var total = shares.Sum();
        var widths = shares.Select(s => Width * s / total).ToArray();
        var header = Layout(headers, widths, _smallStrong);
        var laidOutRows = rows.Select(row => Layout(row, widths, _small)).ToList();
        // A header ends no page alone: it goes over with its first rows when two of them do not fit beneath it.
        EnsureRoom(header.Height + laidOutRows.Take(RowsUnderAHeader).Sum(row => row.Height));
        DrawRow(header, widths, _smallStrong, shaded: true);
        foreach (var laidOut in laidOutRows)
        {
            if (_y + laidOut.Height > Bottom)
            {
                NewPage();
                DrawRow(header, widths, _smallStrong, shaded: true);
            }
            DrawRow(laidOut, widths, _small, shaded: false);
        }
        _y += 4;
    }

    /// <summary>The finished document: every page numbered "Page n of m" beside the footer line.</summary>
    public byte[] Finish()
    {
        if (WasCut)
        {
            var cut = Localization.Say.Format("Pdf.Cut", _maxPages, _section, _cutNote);
            _y += 6;
            foreach (var line in Wrap(cut, _strong, Width))
            {
                Draw(_graphics, line, _strong, Margin, _y, Width);
                _y += _strong.GetHeight();
            }
        }
        _graphics.Dispose();
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PageHeight - Margin - _small.GetHeight();
            // The footer where lines start, the page's number at the other end.
            var page = Localization.Say.Format("Pdf.Page", i + 1, count);
            var pageWidth = ScriptRuns.Measure(graphics, page, _small, _cjk[_small], RightToLeft);
            ScriptRuns.Draw(graphics, _footer, _small, _cjk[_small], XBrushes.DimGray, RightToLeft ? Margin + pageWidth + 12 : Margin, y,
                Width - pageWidth - 12, RightToLeft);
            ScriptRuns.Draw(graphics, page, _small, _cjk[_small], XBrushes.Black, RightToLeft ? Margin : Margin + Width - pageWidth, y, pageWidth, RightToLeft);
            if (Marking is { } marking)
            {
                // The handling marking at the top and the foot of every page, centred, as a ministry's papers carry it.
                graphics.DrawString(marking, _smallStrong, XBrushes.Black, Margin + Width / 2, Margin / 2, XStringFormats.Center);
                graphics.DrawString(marking, _smallStrong, XBrushes.Black, Margin + Width / 2, PageHeight - Margin / 3, XStringFormats.Center);
            }
        }
        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private void Paragraph(string text, XFont font, double after)
    {
        var height = font.GetHeight();
        foreach (var line in Wrap(text, font, Width))
        {
            EnsureRoom(height);
            Draw(_graphics, line, font, Margin, _y, Width);
            _y += height;
        }
        _y += after;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
            NewPage();
    }

    private void NewPage()
    {
        if (_document.PageCount >= _maxPages)
        {
            WasCut = true;
            throw new SheetFullException();
        }
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private sealed record LaidOutRow(IReadOnlyList<IReadOnlyList<string>> Cells, double Height);

    private LaidOutRow Layout(IReadOnlyList<string> cells, double[] widths, XFont font)
    {
        var lines = cells.Select((text, i) => Wrap(text, font, widths[i] - 2 * CellPadding)).ToArray();
        return new LaidOutRow(lines, lines.Max(l => l.Count) * font.GetHeight() + 2 * CellPadding);
    }

    private void DrawRow(LaidOutRow row, double[] widths, XFont font, bool shaded)
    {
        // The first column at the left, or at the right when lines read right to left.
        var x = RightToLeft ? Margin + Width : Margin;
        for (var i = 0; i < widths.Length; i++)
        {
            if (RightToLeft)
                x -= widths[i];
            var cell = new XRect(x, _y, widths[i], row.Height);
            if (shaded)
                _graphics.DrawRectangle(XBrushes.Gainsboro, cell);
            _graphics.DrawRectangle(CellLine, cell);
            var y = _y + CellPadding;
            foreach (var line in row.Cells[i])
            {
                Draw(_graphics, line, font, x + CellPadding, y, widths[i] - 2 * CellPadding);
                y += font.GetHeight();
            }
            if (!RightToLeft)
                x += widths[i];
        }
        _y += row.Height;
    }

    // Greedy word wrap; a word wider than the line is cut where it must be.
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Measure(candidate, font) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
                lines.Add(line);
            line = word;
            while (Measure(line, font) > width && line.Length > 1)
            {
                var fits = line.Length - 1;
                while (fits > 1 && Measure(line[..fits], font) > width)
                    fits--;
                lines.Add(line[..fits]);
                line = line[fits..];
            }
        }
        lines.Add(line);
        return lines;
    }

    private double Measure(string text, XFont font) => ScriptRuns.Measure(_graphics, text, font, _cjk[font], RightToLeft);

    private void Draw(XGraphics graphics, string text, XFont font, double x, double y, double width) =>
        ScriptRuns.Draw(graphics, text, font, _cjk[font], XBrushes.Black, x, y, width, RightToLeft);
}

/// <summary>The sheet has no page left for what was being written; the writer stops and finishes what it has.</summary>
public sealed class SheetFullException() : Exception("The document reached its page limit.");
