using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>An Analyst grades sources on the page; every figure reads with its grade, and the history filters by it.</summary>
[Collection(SharedAppCollection.Name)]
public class SourceGradingSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private async Task<Incident> IncidentAsync()
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [
            Reports.Figures("2013-01-18T18:00:00+01:00", Reports.Press, Reports.HostagesKilled(12)),
            Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(23)) with { Credibility = 2 },
        ]);
        return incident;
    }

    private static string GradeOnCard(IRenderedComponent<SituationPage> page) =>
        page.Find("[data-tally-key='hostages/killed/all/'] .source-grade").TextContent;

    [Fact]
    public async Task Grading_a_source_in_the_dialog_shows_on_its_figure_at_once_with_its_meaning()
    {
        var incident = await IncidentAsync();
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        Assert.Equal("–2", GradeOnCard(page));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Grade sources").Click());
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("tr[data-source='Interior ministry'] select")), Loaded);
        Dialogs.Find("tr[data-source='Interior ministry'] select").Change("B");

        page.WaitForAssertion(() => Assert.Equal("B2", GradeOnCard(page)), Loaded);
        var grade = page.Find("[data-tally-key='hostages/killed/all/'] .source-grade");
        Assert.Equal("source usually reliable (B), information probably true (2)", grade.GetAttribute("title"));
        // Read out in words, not as the letters "B 2": a title alone is skipped by many screen readers.
        Assert.Equal(("img", "grade B2: source usually reliable (B), information probably true (2)"), (grade.GetAttribute("role"), grade.GetAttribute("aria-label")));
        Dialogs.WaitForAssertion(() => Assert.Contains("by analyst@example.org", Dialogs.Find("tr[data-source='Interior ministry']").TextContent), Loaded);
        Assert.Equal("ungraded", Dialogs.Find("tr[data-source='Press agency'] select option:checked").TextContent);
    }

    [Fact]
    public async Task The_history_filters_by_the_sources_reliability_and_by_the_reports_credibility()
    {
        var incident = await IncidentAsync();
        await App.Situation.GradeSourceAsync(incident, "Press agency", "A", new Actor("tester", null));
        var page = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, incident.Slug));
        // Each filter reads its first page anew (asynchronously on PostgreSQL): wait for the list each one gives.
        page.WaitForAssertion(() => Assert.Equal(["Interior ministry", "Press agency"], Sources(page).Order()), Loaded);

        await page.InvokeAsync(() => page.Find("select.history-reliability").Change("A"));
        page.WaitForAssertion(() => Assert.Equal(["Press agency"], Sources(page)), Loaded);
        Assert.Equal("A–", page.Find("tbody tr .source-grade").TextContent);

        await page.InvokeAsync(() => page.Find("select.history-reliability").Change(""));
        await page.InvokeAsync(() => page.Find("select.history-credibility").Change("2"));
        page.WaitForAssertion(() => Assert.Equal(["Interior ministry"], Sources(page)), Loaded);

        await page.InvokeAsync(() => page.Find("select.history-credibility").Change(Admiralty.Ungraded));
        page.WaitForAssertion(() => Assert.Equal(["Press agency"], Sources(page)), Loaded);
    }

    private static string[] Sources(IRenderedComponent<ReportHistoryPage> page) =>
        [.. page.FindAll("tbody tr").Select(r => r.QuerySelector("td:nth-child(2)")!.TextContent.Split(" (")[0].Trim())];
}
