using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Security.Limits;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Hardening;

/// <summary>
/// Reads have a budget per client, PDFs, exports and changes a smaller one and a few slots per instance, and a PDF
/// a page limit (issue 24, finding 5: 60 PDFs in 1.7 s all answered; 835 pages in 7.6 s of CPU; reads slowed 200-fold).
/// </summary>
public class CostlyReadsTests
{
    private static async Task<string?> TitleOf(HttpResponseMessage response) =>
        (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["title"];

    [Fact]
    public async Task A_client_over_its_read_limit_is_told_when_to_come_back_and_another_client_reads_on()
    {
        using var app = new DashboardFactory { Settings = { ["RateLimits:ReadsPerMinute"] = "3" } };
        var script = app.CreateWriter();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/incidents/in-amenas/tallies")).StatusCode);

        var over = await script.GetAsync("/api/incidents/in-amenas/tallies");
        var someoneElse = await app.BrowserFrom("203.0.113.70").GetAsync("/api/incidents/in-amenas/tallies");

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.True(over.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 });
        Assert.Equal("Too many reads", await TitleOf(over));
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    [Fact]
    public async Task Pdfs_exports_and_changes_spend_a_smaller_budget_and_plain_reads_go_on()
    {
        using var app = new DashboardFactory { Settings = { ["RateLimits:ExpensiveReadsPerMinute"] = "2" } };
        var script = app.CreateWriter();
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/incidents/in-amenas/sitrep.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/incidents/in-amenas/export?format=csv")).StatusCode);

        var thirdCostlyRead = await script.GetAsync("/api/incidents/in-amenas/changes?since=2013-01-16T00:00:00Z");

        Assert.Equal(HttpStatusCode.TooManyRequests, thirdCostlyRead.StatusCode);
        Assert.Equal("Too many reports and exports", await TitleOf(thirdCostlyRead));
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/incidents/in-amenas/tallies")).StatusCode);
    }

    [Fact]
    public async Task A_pdf_with_every_slot_busy_waits_its_turn_and_then_is_told_to_come_back()
    {
        using var app = new DashboardFactory { Settings = { ["RateLimits:ExpensiveReadsAtOnce"] = "1", ["RateLimits:ExpensiveReadWaitSeconds"] = "0" } };
        var slots = app.Services.GetRequiredService<LimitBook>();
        var script = app.CreateWriter();

        HttpResponseMessage busy;
        using (await slots.TakeExpensiveSlotAsync(CancellationToken.None))
            busy = await script.GetAsync("/api/incidents/in-amenas/sitrep.pdf");
        var once = await script.GetAsync("/api/incidents/in-amenas/sitrep.pdf");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
    }

    [Fact]
    public async Task A_huge_incidents_pdf_stops_at_its_page_limit_and_its_last_page_says_what_is_left_out()
    {
        using var app = new DashboardFactory { Settings = { ["RateLimits:PdfMaxPages"] = "3" } };
        var slug = (await app.CreateIncidentAsync()).Slug;
        var figures = new JsonArray([.. Countries.All.Order().Take(400).SelectMany(code => new[]
        {
            ApiClient.Figure(status: "killed", scope: code, count: 1), ApiClient.Figure(status: "freed", scope: code, count: 2),
        })]);
        var report = ApiClient.ValidReport("everyone");
        report["figures"] = figures;
        Assert.Equal(HttpStatusCode.Created, (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", report)).StatusCode);

        var response = await app.CreateWriter().GetAsync($"/api/incidents/{slug}/sitrep.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, pdf.NumberOfPages);
        var lastPage = string.Concat(pdf.GetPage(3).Text.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("Thereportstopshere,atitspagelimitof3", lastPage);
        Assert.Contains("Page3of3", lastPage);
    }
}
