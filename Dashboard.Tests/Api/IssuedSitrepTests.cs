using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Api;

/// <summary>POST/GET /api/incidents/{slug}/sitreps: reports issued, numbered, signed and frozen, read back exactly as issued.</summary>
[Collection(SharedAppCollection.Name)]
public class IssuedSitrepTests(DashboardFactory app)
{
    private static string Squashed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private async Task<(Incident Incident, NewReport First)> IncidentWithFiguresAsync()
    {
        var incident = await app.CreateIncidentAsync();
        var first = Reports.Figures("2013-01-16T10:00:00+01:00", Reports.Press, Reports.HostagesKilled(3, Qualifier.Exact, "GB"));
        await app.Situation.SubmitAsync(incident, [first, Reports.Figures("2013-01-16T12:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(4))]);
        return (incident, first);
    }

    private async Task<JsonNode> IssueAsync(Incident incident, JsonObject body)
    {
        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/sitreps", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<byte[]> PdfAsync(Incident incident, int number) =>
        await app.CreateWriter().GetByteArrayAsync($"/api/incidents/{incident.Slug}/sitreps/{number}.pdf");

    [Fact]
    public async Task An_issued_report_is_numbered_signed_and_marked_on_every_page_and_its_pdf_hashes_to_what_was_said()
    {
        var (incident, _) = await IncidentWithFiguresAsync();

        var issued = await IssueAsync(incident, new JsonObject
        {
            ["summary"] = "Four hostages are dead, three of them British.", ["marking"] = "OFFICIAL-SENSITIVE", ["country"] = "GB",
        });

        Assert.Equal(1, (int)issued["number"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)issued["author"]));
        Assert.Equal(["GB"], issued["countries"]!.AsArray().Select(c => (string?)c));
        var pdf = await PdfAsync(incident, 1);
        Assert.Equal((string?)issued["sha256"], Convert.ToHexStringLower(SHA256.HashData(pdf)));
        using var document = PdfDocument.Open(pdf);
        var text = Squashed(string.Concat(document.GetPages().Select(p => p.Text)));
        Assert.Contains("SITUATIONREPORT1", text);
        Assert.Contains(Squashed("Four hostages are dead, three of them British."), text);
        Assert.Contains(Squashed($"by {(string?)issued["author"]}"), text);
        Assert.All(document.GetPages(), page => Assert.True(Squashed(page.Text).Split("OFFICIAL-SENSITIVE").Length - 1 >= 2, $"page {page.Number} lacks its marking at top and foot"));
        var listed = await app.CreateWriter().GetFromJsonAsync<JsonArray>($"/api/incidents/{incident.Slug}/sitreps");
        Assert.Equal(1, (int)Assert.Single(listed!)!["number"]!);
        var one = await app.CreateWriter().GetFromJsonAsync<JsonObject>($"/api/incidents/{incident.Slug}/sitreps/1");
        Assert.Equal((string?)issued["sha256"], (string?)one!["sha256"]);
        var analyst = await app.SignedInClientAsync(Dashboard.Access.Roles.Analyst);
        var page = await analyst.GetStringAsync((string)issued["page"]!);
        Assert.Contains("SITUATION REPORT 1", page);
        Assert.Contains("Four hostages are dead, three of them British.", page);
        Assert.Equal(2, page.Split("OFFICIAL-SENSITIVE").Length - 1); // at its top and its foot
        Assert.Equal(page, await analyst.GetStringAsync((string)issued["page"]!));
    }

    [Fact]
    public async Task An_issued_report_stays_as_issued_after_a_grade_a_withdrawal_and_a_correction_and_the_next_one_lists_them()
    {
        var (incident, first) = await IncidentWithFiguresAsync();
        var issued = await IssueAsync(incident, new JsonObject { ["summary"] = "Three Britons dead." });
        var before = await PdfAsync(incident, 1);

        await app.Situation.GradeSourceAsync(incident, Reports.Press.Name, "E", TestWrites.Tester);
        await app.Situation.RetractAsync(incident, first.Id, "Counted twice.", TestWrites.Tester);
        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-16T13:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(2, Qualifier.Exact, "GB"))]);

        var after = await PdfAsync(incident, 1);
        Assert.Equal(before, after);
        var again = await app.CreateWriter().GetFromJsonAsync<JsonObject>($"/api/incidents/{incident.Slug}/sitreps/1");
        Assert.Equal((string?)issued["sha256"], (string?)again!["sha256"]);

        var next = await IssueAsync(incident, new JsonObject { ["summary"] = "Two Britons dead, not three." });
        Assert.Equal(2, (int)next["number"]!);
        Assert.Equal((string?)issued["asOf"], (string?)next["since"]);
        using var document = PdfDocument.Open(await PdfAsync(incident, 2));
        var text = Squashed(string.Concat(document.GetPages().Select(p => p.Text)));
        Assert.Contains(Squashed("Counted twice."), text);                       // the withdrawal
        Assert.Contains(Squashed("Hostages killed — United Kingdom"), text);
        Assert.Contains("3", text);
        Assert.Contains(Squashed("Press agency (media): graded E"), text);       // the grade, among the sources graded since
        Assert.Contains(Squashed("Sources graded since"), text);
    }

    [Fact]
    public async Task Two_issued_at_once_take_the_next_two_numbers()
    {
        var (incident, _) = await IncidentWithFiguresAsync();

        var both = await Task.WhenAll(
            IssueAsync(incident, new JsonObject { ["summary"] = "One." }),
            IssueAsync(incident, new JsonObject { ["summary"] = "Two." }));

        Assert.Equal([1, 2], both.Select(b => (int)b["number"]!).Order());
    }

    [Theory]
    [InlineData("""{"marking":"OFFICIAL"}""", "summary")]
    [InlineData("""{"summary":"x","marking":"TOP SECRET"}""", "marking")]
    [InlineData("""{"summary":"x","country":"GB,XX"}""", "country")]
    [InlineData("""{"summary":"x","asOf":"2099-01-01T00:00:00Z"}""", "asOf")]
    [InlineData("""{"summary":"x","asOf":"yesterday"}""", "asOf")]
    public async Task A_bad_request_is_refused_naming_the_field_and_nothing_is_issued(string body, string field)
    {
        var (incident, _) = await IncidentWithFiguresAsync();

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/sitreps", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
        Assert.Empty((await app.CreateWriter().GetFromJsonAsync<JsonArray>($"/api/incidents/{incident.Slug}/sitreps"))!);
    }

    [Fact]
    public async Task An_unknown_incident_or_number_is_404_and_issuing_needs_the_key()
    {
        var (incident, _) = await IncidentWithFiguresAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateWriter().PostJsonAsync("/api/incidents/no-such-incident/sitreps", """{"summary":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateWriter().GetAsync($"/api/incidents/{incident.Slug}/sitreps/7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateWriter().GetAsync($"/api/incidents/{incident.Slug}/sitreps/7.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostJsonAsync($"/api/incidents/{incident.Slug}/sitreps", """{"summary":"x"}""")).StatusCode);
    }
}
