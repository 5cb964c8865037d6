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

        page.WaitForAssertion(() => Assert.True(page.FindAll("tbody tr").Count >= 15), Loaded);
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
        page.WaitForAssertion(() => Assert.True(page.FindAll("tbody tr").Count >= 15), Loaded);

        await page.InvokeAsync(() => page.Find("select.history-source").Change("UK Foreign Secretary William Hague"));
        page.WaitForAssertion(() => Assert.Equal(["in-amenas-sat-hague-britons"], page.FindAll("tbody tr").Select(r => r.GetAttribute("data-report-id")!)), Loaded);

        await page.InvokeAsync(() => page.Find("select.history-source").Change(""));
        await page.InvokeAsync(() => page.Find("select.history-status").Change("Missing"));
        // Each filter reads its first page anew: wait for the filtered list itself, not a row the whole list also has.
        page.WaitForAssertion(() =>
        {
            Assert.Contains(page.FindAll("tbody tr"), r => r.GetAttribute("data-report-id") == "in-amenas-sat-japan-missing");
            Assert.All(page.FindAll("tbody tr"), r => Assert.Contains("missing", r.QuerySelector("td:nth-child(4)")!.TextContent));
        }, Loaded);
        await page.InvokeAsync(() => page.Find("select.history-status").Change(""));

        await page.InvokeAsync(() => page.Find("button[data-standing=Current]").Click());
        page.WaitForAssertion(() =>
        {
            Assert.NotEmpty(page.FindAll("tbody tr"));
            Assert.All(page.FindAll("tbody tr"), r => Assert.Contains("history-superseded", r.ClassList));
        }, Loaded);
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

    // 250 reports a minute apart, the oldest from a source no other report names.
    private async Task<Incident> LongHistoryAsync()
    {
        var incident = await App.CreateIncidentAsync();
        var at = DateTimeOffset.Parse("2013-01-17T06:00:00+01:00");
        var reports = Enumerable.Range(0, 250).Select(i =>
            Reports.Figures(at.AddMinutes(i).ToString("O"), i == 0 ? new Source("Rare source", SourceKind.Witness) : Reports.Press, Reports.HostagesKilled(i + 1)));
        await App.Situation.SubmitAsync(incident, [.. reports]);
        return incident;
    }

    private static string[] RowIds(IRenderedComponent<ReportHistoryPage> page) =>
        [.. page.FindAll("tbody tr").Select(r => r.GetAttribute("data-report-id")!)];

    [Fact]
    public async Task A_long_history_shows_a_page_at_a_time_and_the_next_on_asking()
    {
        var incident = await LongHistoryAsync();
        var page = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, incident.Slug));

        page.WaitForAssertion(() => Assert.Equal(ReportHistoryPage.PageSize, RowIds(page).Length), Loaded);
        Assert.Contains("250 reports in all", page.Find(".history-count").TextContent);
        var newest = (await App.Situation.GetHistoryAsync(incident.Slug))!.Select(h => h.Report.Id).ToArray();
        Assert.Equal(newest.Take(ReportHistoryPage.PageSize), RowIds(page));

        await page.InvokeAsync(() => page.Find("button.history-more").Click());
        page.WaitForAssertion(() => Assert.Equal(newest.Take(2 * ReportHistoryPage.PageSize), RowIds(page)), Loaded);
        await page.InvokeAsync(() => page.Find("button.history-more").Click());
        page.WaitForAssertion(() => Assert.Equal(newest, RowIds(page)), Loaded);
        Assert.Empty(page.FindAll("button.history-more"));
    }

    [Fact]
    public async Task A_filter_finds_reports_beyond_the_first_page()
    {
        var incident = await LongHistoryAsync();
        var page = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, incident.Slug));
        page.WaitForAssertion(() => Assert.Equal(ReportHistoryPage.PageSize, RowIds(page).Length), Loaded);

        await page.InvokeAsync(() => page.Find("select.history-source").Change("Rare source"));

        page.WaitForAssertion(() => Assert.Single(RowIds(page)), Loaded);
        Assert.Contains("Rare source", page.Find("tbody tr").TextContent);
        Assert.Empty(page.FindAll("button.history-more"));
    }

    [Fact]
    public async Task A_new_report_comes_in_at_the_top_and_the_rows_shown_stay()
    {
        var incident = await LongHistoryAsync();
        var page = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, incident.Slug));
        page.WaitForAssertion(() => Assert.Equal(ReportHistoryPage.PageSize, RowIds(page).Length), Loaded);
        await page.InvokeAsync(() => page.Find("button.history-more").Click());
        page.WaitForAssertion(() => Assert.Equal(2 * ReportHistoryPage.PageSize, RowIds(page).Length), Loaded);
        var shown = RowIds(page);

        var late = Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(999));
        await App.Situation.SubmitAsync(incident, [late]);

        page.WaitForAssertion(() => Assert.Equal([late.Id, .. shown], RowIds(page)), TimeSpan.FromSeconds(10));
        Assert.Contains("251 reports in all", page.Find(".history-count").TextContent);
        Assert.NotEmpty(page.FindAll("button.history-more"));
    }
}
