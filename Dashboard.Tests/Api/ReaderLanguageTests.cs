using System.Net;
using System.Text;
using Dashboard.Access;
using Dashboard.Localization;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Api;

/// <summary>Which language an answer is in, over HTTP: the address's <c>?lang=</c>, the account's choice, the browser's
/// choice, <c>Accept-Language</c>, English otherwise; and the situation report's PDF in Japanese and Arabic.</summary>
[Collection(SharedAppCollection.Name)]
public class ReaderLanguageTests(DashboardFactory app)
{
    private const string Page = "/incidents/in-amenas";

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<(string Lang, string Dir)> HtmlOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var tag = System.Text.RegularExpressions.Regex.Match(html, "<html lang=\"([^\"]*)\" dir=\"([^\"]*)\"");
        Assert.True(tag.Success, "the page has <html lang dir>");
        return (tag.Groups[1].Value, tag.Groups[2].Value);
    }

    private Task<HttpResponseMessage> GetAsync(HttpClient client, string address, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        return client.SendAsync(request);
    }

    [Theory]
    [InlineData("?lang=ja", null, "ja", "ltr")]
    [InlineData("?lang=ar", null, "ar", "rtl")]
    [InlineData("?lang=fr-CA", null, "fr", "ltr")]
    [InlineData("", "fr-CA,fr;q=0.9,en;q=0.5", "fr", "ltr")]
    [InlineData("", "de-DE,de;q=0.9", "en", "ltr")]
    [InlineData("?lang=ja", "fr", "ja", "ltr")]
    [InlineData("?lang=xx", "ar", "ar", "rtl")]
    public async Task The_address_then_the_browser_say_which_language_and_english_is_the_fallback(string query, string? acceptLanguage, string lang, string dir)
    {
        Assert.Equal((lang, dir), await HtmlOfAsync(await GetAsync(Browser(), Page + query, acceptLanguage)));
    }

    [Fact]
    public async Task The_page_says_its_words_in_the_language_asked_for()
    {
        // Blazor writes letters beyond Latin as character references.
        var html = WebUtility.HtmlDecode(await (await GetAsync(Browser(), Page + "?lang=ja")).Content.ReadAsStringAsync());

        Assert.Contains(Languages.In("ja", () => Say.Text("App.Name")), html);
        Assert.Contains(Languages.In("ja", () => Say.Text("Nav.SignIn")), html);
        Assert.DoesNotContain("Situation Dashboard", html);
    }

    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient client, string lang, string returnUrl, bool withToken = true)
    {
        var form = await client.GetStringAsync(Page);
        var fields = new Dictionary<string, string> { ["lang"] = lang, ["returnUrl"] = returnUrl };
        if (withToken)
            fields["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(form);
        return await client.PostAsync("/language", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_choice_made_in_the_picker_is_kept_by_the_browser_and_outvotes_its_accept_language()
    {
        var client = Browser();

        var chosen = await ChooseAsync(client, "ja", "/incidents/in-amenas?lang=fr&country=GB");

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/incidents/in-amenas?country=GB", chosen.Headers.Location!.OriginalString);
        Assert.Equal(("ja", "ltr"), await HtmlOfAsync(await GetAsync(client, Page, acceptLanguage: "fr")));
        Assert.Equal(("ar", "rtl"), await HtmlOfAsync(await GetAsync(client, Page + "?lang=ar")));
    }

    [Fact]
    public async Task A_signed_in_persons_choice_is_kept_with_their_account_in_another_browser()
    {
        var account = await app.CreateAccountAsync(Roles.Viewer);
        var first = await app.SignInAsync(account);
        Assert.Equal(HttpStatusCode.Redirect, (await ChooseAsync(first, "ar", Page)).StatusCode);

        var elsewhere = await app.SignInAsync(account);

        Assert.Equal(("ar", "rtl"), await HtmlOfAsync(await GetAsync(elsewhere, Page, acceptLanguage: "en")));
    }

    [Fact]
    public async Task A_choice_without_the_forms_token_or_of_a_language_not_offered_is_refused_and_changes_nothing()
    {
        var client = Browser();

        var forged = await ChooseAsync(client, "ja", Page, withToken: false);
        var unknown = await ChooseAsync(client, "klingon", Page);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal([Languages.QueryKey], await unknown.ErrorFieldsAsync());
        Assert.Equal(("en", "ltr"), await HtmlOfAsync(await GetAsync(client, Page)));
    }

    private async Task<UglyToad.PdfPig.Content.Letter[]> PdfLettersAsync(string lang)
    {
        var response = await app.CreateWriter().GetAsync($"/api/incidents/in-amenas/sitrep.pdf?lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return [.. pdf.GetPage(1).Letters];
    }

    private static string Base(string letter) => letter.Normalize(NormalizationForm.FormKC);

    // The line's letters as a reader reads them: left to right, or right to left.
    private static string Read(IEnumerable<UglyToad.PdfPig.Content.Letter> line, bool rightToLeft) =>
        string.Concat((rightToLeft ? line.OrderByDescending(l => l.Location.X) : line.OrderBy(l => l.Location.X)).Select(l => Base(l.Value)));

    // The first page's first line: the report's kind ("SITUATION REPORT").
    private static UglyToad.PdfPig.Content.Letter[] FirstLine(UglyToad.PdfPig.Content.Letter[] letters) =>
        [.. letters.Where(l => Math.Abs(l.Location.Y - letters.Max(x => x.Location.Y)) < 0.5)];

    [Fact]
    public async Task The_report_as_a_pdf_in_japanese_has_its_words_as_letters_not_boxes()
    {
        var letters = await PdfLettersAsync("ja");

        var line = FirstLine(letters);
        Assert.Equal(Languages.In("ja", () => Say.Text("Sitrep.Kind")), Read(line, rightToLeft: false));
        Assert.All(line, l => Assert.Contains("IPAPGothic", l.FontName));
        var heading = Languages.In("ja", () => Say.Text("Doc.HeadlineFigures"));
        Assert.Contains(heading, string.Concat(letters.Select(l => l.Value)));
    }

    [Fact]
    public async Task The_report_as_a_pdf_in_arabic_reads_from_the_right_in_joined_letters()
    {
        var letters = await PdfLettersAsync("ar");

        var title = Languages.In("ar", () => Say.Text("Sitrep.Kind"));      // "تقرير الموقف"
        var line = FirstLine(letters);
        Assert.Equal(title, Read(line, rightToLeft: true));
        // Joined: the letters are the forms their neighbours give them, not the bare ones.
        Assert.Contains(line, l => l.Value[0] is >= '\uFE70' and <= '\uFEFF');
        // Laid out from the right: the line ends at the right margin.
        Assert.True(line.Max(l => l.EndBaseLine.X) > 595 - 45, "an Arabic line starts at the right margin");
    }
}
