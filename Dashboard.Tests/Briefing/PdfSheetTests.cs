using Dashboard.Briefing;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Briefing;

/// <summary>The report's page layout, read back from the PDF it makes.</summary>
public class PdfSheetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_table_header_never_ends_a_page_without_two_of_its_rows(int linesLeftOut)
    {
        // Fill the first page to just above its foot: room for the header and none, one, two or three rows.
        using var sheet = new PdfSheet("Layout", "footer");
        var fits = LinesOnFirstPage();
        for (var i = 0; i < fits - 2 - linesLeftOut; i++)
            sheet.Line($"Line {i}");
        sheet.Table(["Header one", "Header two"], [1, 1], Enumerable.Range(1, 6).Select(i => (IReadOnlyList<string>)[$"Row {i}", "cell"]));

        using var pdf = PdfDocument.Open(sheet.Finish());
        foreach (var page in pdf.GetPages())
        {
            var text = page.Text;
            if (!text.Contains("Header one"))
                continue;
            var after = text[text.IndexOf("Header one", StringComparison.Ordinal)..];
            Assert.True(after.Split("Row").Length - 1 >= 2, $"page {page.Number} ends its table with {after}");
        }
    }

    // How many body lines the first page holds.
    private static int LinesOnFirstPage()
    {
        using var sheet = new PdfSheet("Layout", "footer");
        var count = 0;
        while (sheet.Page == 1)
        {
            sheet.Line("x");
            count++;
        }
        return count - 1;
    }
}
