using System.Net;
using AngleSharp.Html.Parser;
using Dashboard.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Api;

/// <summary>The situation report read as a foreign ministry's crisis cell reads it: what it asked for first, every
/// qualifier kept, claims apart from the figures.</summary>
[Collection(SharedAppCollection.Name)]
public class SitrepContentsTests(DashboardFactory app)
{
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string query)
    {
        var html = await app.CreateClient().GetStringAsync($"/incidents/in-amenas/sitrep{query}");
        return new HtmlParser().ParseDocument(html);
    }

    private async Task<string> PdfTextAsync(string query)
    {
        var response = await app.CreateWriter().GetAsync($"/api/incidents/in-amenas/sitrep.pdf{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Concat(pdf.GetPages().Select(p => p.Text).Select(t => string.Concat(t.Where(c => !char.IsWhiteSpace(c)))));
    }

    [Fact]
    public async Task For_britain_the_british_rows_lead_and_the_overall_figures_follow()
    {
        var page = await PageAsync("?country=GB");
        var rows = page.QuerySelectorAll(".sitrep-tallies tbody tr").Select(r => r.GetAttribute("data-tally-key")).ToArray();

        Assert.StartsWith("hostages/killed/GB/", rows[0]);
        Assert.True(Array.FindLastIndex(rows, r => r!.Contains("/GB/")) < Array.FindIndex(rows, r => r!.Contains("/all/")), string.Join(" ", rows));
        var pdf = await PdfTextAsync("?country=GB");
        Assert.True(pdf.IndexOf("Hostageskilled—UnitedKingdom", StringComparison.Ordinal) < pdf.IndexOf("Hostageskilled—inall", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_nationality_table_keeps_every_qualifier_on_the_page_and_in_the_pdf()
    {
        var page = await PageAsync("?country=GB");
        var britain = page.QuerySelector(".sitrep-countries tr[data-country=GB]")!.TextContent;

        Assert.Contains("at least 2", britain);
        Assert.Contains("5 (provisional)", britain);
        Assert.Contains("1 (claimed)", britain);
        var pdf = await PdfTextAsync("?country=GB");
        Assert.Contains("UnitedKingdom1——5(provisional)atleast21(claimed)", pdf);
    }

    [Fact]
    public async Task Japanese_and_arabic_names_are_written_in_the_pdf_as_letters_of_fonts_that_have_them()
    {
        var incident = await app.CreateIncidentAsync();
        var report = Reports.Figures("2013-01-16T10:00:00+01:00", new Dashboard.Situation.Source("山田太郎 (Yamada Taro)", Dashboard.Situation.SourceKind.Witness),
            Reports.HostagesKilled(1, Dashboard.Situation.Qualifier.Exact, "JP"));
        await app.Situation.SubmitAsync(incident, [report with { Event = new Dashboard.Situation.TimelineEvent(report.ReportedAt, "محمد يصل إلى الموقع", null, ["DZ"]) }]);

        var response = await app.CreateWriter().GetAsync($"/api/incidents/{incident.Slug}/sitrep.pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var letters = pdf.GetPages().SelectMany(p => p.Letters).ToArray();

        foreach (var japanese in "山田太郎")
            Assert.Contains(letters, l => l.Value == japanese.ToString() && l.FontName.Contains("IPAPGothic", StringComparison.Ordinal));
        // Arabic is drawn in its joined forms (Unicode's presentation forms), which read back as its letters, and from
        // the right: the word's first letter stands right of its last.
        string Base(string letter) => letter.Normalize(System.Text.NormalizationForm.FormKC);
        foreach (var arabic in "محمد".Distinct())
            Assert.Contains(letters, l => Base(l.Value) == arabic.ToString() && l.FontName.Contains("DejaVu", StringComparison.Ordinal));
        var hah = letters.Single(l => Base(l.Value) == "ح");
        var line = letters.Where(l => Math.Abs(l.Location.Y - hah.Location.Y) < 1).ToArray();
        var (dal, firstMeem) = (line.Single(l => Base(l.Value) == "د"), line.Where(l => Base(l.Value) == "م").MaxBy(l => l.Location.X)!);
        Assert.True(dal.Location.X < hah.Location.X && hah.Location.X < firstMeem.Location.X, "محمد reads from the right");
    }

    [Fact]
    public async Task Claims_are_in_a_section_of_their_own_not_among_the_figures()
    {
        var page = await PageAsync("");

        Assert.DoesNotContain(page.QuerySelectorAll(".sitrep-tallies tbody tr"), r => r.TextContent.Contains("CLAIM"));
        var claims = page.QuerySelector(".sitrep-claims")!;
        Assert.Contains("Claims (not confirmed)", claims.TextContent);
        Assert.Contains("Hostages killed — foreign nationals", claims.TextContent);
        Assert.Contains("35", claims.TextContent);
        var pdf = await PdfTextAsync("");
        var claimsAt = pdf.IndexOf("Claims(notconfirmed)", StringComparison.Ordinal);
        Assert.True(claimsAt > 0);
        Assert.True(pdf.IndexOf("claimed35of132", StringComparison.Ordinal) > claimsAt);
    }
}
