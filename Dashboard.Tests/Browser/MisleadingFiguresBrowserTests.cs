using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The wall in a real chromium, read as a crisis room reads it: a weaker later figure does not take the lead,
/// and a whole below its parts is marked where the room can see it.</summary>
[Collection(BrowserCollection.Name)]
public class MisleadingFiguresBrowserTests(BrowserFixture browser)
{
    private static System.Text.Json.Nodes.JsonObject Report(string id, string at, string source, params System.Text.Json.Nodes.JsonObject[] figures) => new()
    {
        ["id"] = id, ["reportedAt"] = at, ["source"] = new System.Text.Json.Nodes.JsonObject { ["name"] = source, ["kind"] = "government" },
        ["statement"] = "Said.", ["figures"] = new System.Text.Json.Nodes.JsonArray(figures),
    };

    [BrowserFact]
    public async Task After_an_at_least_4_the_wall_still_leads_with_23_and_marks_the_whole_below_its_part()
    {
        BrowserSkip.IfUnavailable();
        var incident = await browser.App.CreateIncidentAsync();
        var writer = browser.App.CreateWriter();
        async Task PostAsync(System.Text.Json.Nodes.JsonObject report) =>
            (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", report)).EnsureSuccessStatusCode();
        await PostAsync(Report($"{incident.Slug}-moi", "2013-01-19T20:00:00+01:00", "Algerian interior ministry", ApiClient.Figure(count: 23)));
        var wall = await browser.OpenAsync($"/wall/{incident.Slug}", 1920, 1080);
        var killed = wall.Locator("[data-tally-key='hostages/killed/all/']");
        await Expect(killed.Locator(".wall-count")).ToHaveTextAsync("23");

        await PostAsync(Report($"{incident.Slug}-oslo", "2013-01-21T10:00:00+01:00", "Norwegian foreign ministry", ApiClient.Figure(count: 4, qualifier: "at-least")));
        await PostAsync(Report($"{incident.Slug}-foreign", "2013-01-21T11:00:00+01:00", "Algerian interior ministry", ApiClient.Figure(scope: "foreign", count: 37)));

        await Expect(killed.Locator(".wall-card-conflict")).ToContainTextAsync("Fewer than the figure for foreign nationals: 37", new() { Timeout = 5000 });
        await Expect(killed.Locator(".wall-count")).ToHaveTextAsync("23");
        await Expect(killed.Locator(".wall-card-qualifier")).ToHaveCountAsync(0);
        Assert.True(await killed.Locator(".wall-card-conflict").IsVisibleAsync());
        await wall.Context.CloseAsync();
    }
}
