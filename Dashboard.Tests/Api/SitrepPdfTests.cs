using System.Net;
using Dashboard.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Api;

/// <summary>GET /api/incidents/{slug}/sitrep.pdf: the situation report a scheduler or a script fetches, read back as a person reads it.</summary>
[Collection(SharedAppCollection.Name)]
public class SitrepPdfTests(DashboardFactory app)
{
    private const string FridayNight = "2013-01-18T23%3A00%3A00%2B01%3A00";

    private async Task<(string Text, int Pages)> PdfTextAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/incidents/in-amenas/sitrep.pdf{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return (string.Concat(pdf.GetPages().Select(p => p.Text)), pdf.NumberOfPages);
    }

    // The PDF's text comes back without the spaces between words, so both sides are compared without them.
    private static string Squashed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static void AssertSays(string expected, string pdfText) => Assert.Contains(Squashed(expected), Squashed(pdfText));

    [Fact]
    public async Task As_of_friday_night_for_britain_and_japan_it_holds_the_moment_and_the_same_figures_as_the_api()
    {
        var (text, pages) = await PdfTextAsync(app.CreateWriter(), $"?asOf={FridayNight}&country=GB,JP");

        AssertSays("SITUATION REPORT", text);
        AssertSays("Situation as of Friday 18 January 2013, 23:00 (Africa/Algiers, UTC+01:00)", text);
        AssertSays("nationalities: Japan, United Kingdom", text);
        var tallies = await app.CreateClient().TalliesAsync("in-amenas", $"?asOf={FridayNight}&country=GB,JP");
        Assert.NotEmpty(tallies);
        foreach (var tally in tallies)
            AssertSays($"{(string?)tally!["source"]!["name"]}", text);
        AssertSays("Hostages killed — in all provisional 12 of 700", text);
        AssertSays("CLAIM, not confirmed", text);
        Assert.DoesNotContain(Squashed("Hostages still held — United States"), Squashed(text));
        AssertSays($"Page 1 of {pages}", text);
    }

    [Fact]
    public async Task At_the_end_it_has_the_ministrys_23_and_since_friday_night_what_changed()
    {
        var (text, pages) = await PdfTextAsync(app.CreateWriter(), $"?since={FridayNight}");

        AssertSays("live at the time of printing", text);
        AssertSays("Changes from Friday 18 January 2013, 23:00 to", text);
        AssertSays("Hostages killed — in all: 12 (provisional, Media reports, Fri 18 Jan, 18:00) → 23 (Algerian interior ministry, Sat 19 Jan, 20:00)", text);
        AssertSays("Hostages killed — in all23Algerian interior ministry (government) · ungraded · Sat 19 Jan, 20:002 earlier figures", text);
        AssertSays($"Page {pages} of {pages}", text);
    }

    [Fact]
    public async Task The_key_figures_over_time_and_the_map_are_drawn_as_vectors_with_claims_hatched_never_filled()
    {
        var response = await app.CreateWriter().GetAsync("/api/incidents/in-amenas/sitrep.pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        var paths = pdf.GetPages().SelectMany(p => p.Paths).ToArray();

        AssertSays("Over time", text);
        AssertSays("Hostages killed, in all, over time", text);
        AssertSays("12?", text); // Friday's provisional toll keeps its mark on the line
        AssertSays("Map: each nationality shaded by the gravest thing its figures report", text);
        AssertSays("the ring marks the site (27.90° N, 9.13° E)", text);
        Assert.All(pdf.GetPages(), page => Assert.Equal(0, page.NumberOfImages));
        static bool Is(UglyToad.PdfPig.Graphics.Colors.IColor? colour, string hex) =>
            colour?.ToRGBValues() is var (r, g, b) && $"{(int)Math.Round(r * 255):x2}{(int)Math.Round(g * 255):x2}{(int)Math.Round(b * 255):x2}" == hex;
        Assert.Contains(paths, p => p.IsFilled && Is(p.FillColor, "b71c1c")); // the United Kingdom: killed
        Assert.DoesNotContain(paths, p => p.IsFilled && Is(p.FillColor, "e65100")); // still held is only claimed: never solid
        Assert.Contains(paths, p => p.IsStroked && Is(p.StrokeColor, "e65100")); // … but hatched
    }

    [Theory]
    [InlineData("?asOf=Friday", "asOf")]
    [InlineData("?since=yesterday", "since")]
    [InlineData("?asOf=2013-01-18T23:00:00Z&since=2013-01-19T23:00:00Z", "since")]
    [InlineData("?country=GB,XX", "country")]
    public async Task A_query_it_cannot_understand_is_a_400_naming_the_parameter(string query, string field)
    {
        var response = await app.CreateWriter().GetAsync($"/api/incidents/in-amenas/sitrep.pdf{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_unknown_incident_is_404_and_a_stranger_needs_a_key()
    {
        using var deployed = new DashboardFactory { Environment = "Production" };

        var unknown = await app.CreateWriter().GetAsync("/api/incidents/no-such-incident/sitrep.pdf");
        var stranger = await deployed.CreateClient().GetAsync("/api/incidents/in-amenas/sitrep.pdf");
        var scheduler = await deployed.CreateWriter().GetAsync("/api/incidents/in-amenas/sitrep.pdf");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scheduler.StatusCode);
    }
}
