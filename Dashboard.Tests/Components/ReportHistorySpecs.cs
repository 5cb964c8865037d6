using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>The report history: every report, newest first, and whether it still counts.</summary>
[Collection(SharedAppCollection.Name)]
public class ReportHistorySpecs(DashboardFactory app) : SituationPageContext(app)
{
    private static string[] Standings(IRenderedComponent<ReportHistoryPage> page, string id) =>
        page.FindAll($"tr[data-report-id='{id}'] .history-standing").Select(td => td.TextContent.Trim()).ToArray();

    [Fact]
    public void Every_seeded_report_is_listed_newest_first_with_whether_it_still_counts()
    {
        var page = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, "in-amenas"));

        page.WaitForAssertion(() => Assert.True(page.FindAll("tbody tr").Count >= 15));
        var rows = page.FindAll("tbody tr");
        Assert.Equal("in-amenas-sat-hague-britons", rows[0].GetAttribute("data-report-id"));
        Assert.StartsWith("current", Standings(page, "in-amenas-sat-interior-ministry-totals").Single());
        Assert.StartsWith("superseded", Standings(page, "in-amenas-wed-first-deaths").Single());
    }

    [Fact]
    public async Task The_history_filters_by_source_and_by_standing()
    {
        var page = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, "in-amenas"));
        // The list is read asynchronously (on PostgreSQL always): filters are used once it is on screen, and each is
        // found and changed in one turn of the renderer, as a person would see it.
        page.WaitForAssertion(() => Assert.True(page.FindAll("tbody tr").Count >= 15));

        await page.InvokeAsync(() => page.Find("select.history-source").Change("UK Foreign Secretary William Hague"));
        page.WaitForAssertion(() => Assert.Equal(["in-amenas-sat-hague-britons"], page.FindAll("tbody tr").Select(r => r.GetAttribute("data-report-id")!)));

        await page.InvokeAsync(() => page.Find("select.history-source").Change(""));
        await page.InvokeAsync(() => page.Find("select.history-status").Change("Missing"));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), r => r.GetAttribute("data-report-id") == "in-amenas-sat-japan-missing"));
        Assert.NotEmpty(page.FindAll("tbody tr"));
        Assert.All(page.FindAll("tbody tr"), r => Assert.Contains("missing", r.QuerySelector("td:nth-child(4)")!.TextContent));
        await page.InvokeAsync(() => page.Find("select.history-status").Change(""));

        await page.InvokeAsync(() => page.Find("button[data-standing=Current]").Click());
        page.WaitForAssertion(() =>
        {
            Assert.NotEmpty(page.FindAll("tbody tr"));
            Assert.All(page.FindAll("tbody tr"), r => Assert.Contains("history-superseded", r.ClassList));
        });
        Assert.NotEmpty(page.FindAll("tbody tr"));
    }

    [Fact]
    public async Task A_retracted_report_stays_in_the_history_with_who_retracted_it_and_why()
    {
        var incident = await App.CreateIncidentAsync();
        var report = Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3));
        await App.Situation.SubmitAsync(incident, [report]);
        await App.Situation.RetractAsync(incident, report.Id, "Double-counted.", "duty analyst");

        var page = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, incident.Slug));

        var standing = Standings(page, report.Id).Single();
        Assert.StartsWith("retracted", standing);
        Assert.Contains("duty analyst", standing);
        Assert.Contains("Double-counted.", standing);
    }
}
