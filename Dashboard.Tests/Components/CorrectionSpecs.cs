using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Components.Wall;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>
/// An Analyst corrects what the sources are and what they said: merges two names of one source in the grading dialog,
/// and withdraws one wrong figure from the history, keeping the report's others.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class CorrectionSpecs(DashboardFactory app) : SituationPageContext(app)
{
    [Fact]
    public async Task Merging_two_names_of_one_source_in_the_dialog_makes_one_row_with_both_names()
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [
            Reports.Figures("2013-01-18T18:00:00+01:00", new Source("Ministry (via APS)", SourceKind.Government), Reports.HostagesKilled(12)),
            Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(23)),
        ]);
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Grade sources").Click());
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("tr[data-source='Ministry (via APS)'] select")));
        Dialogs.Find("tr[data-source='Ministry (via APS)'] select[aria-label^='Merge']").Change(Reports.Ministry.Name);

        Dialogs.WaitForAssertion(() => Assert.Single(Dialogs.FindAll("tr[data-source]")));
        Assert.Contains("also: Ministry (via APS)", Dialogs.Find($"tr[data-source='{Reports.Ministry.Name}']").TextContent);
        Assert.Equal([Reports.Ministry], (await App.Situation.GetSourcesAsync(incident.Slug)).ToArray());
    }

    [Fact]
    public async Task Withdrawing_one_figure_from_the_history_keeps_the_report_s_others_and_says_who_and_why()
    {
        var incident = await App.CreateIncidentAsync();
        var report = Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(5, scope: "NO"), Reports.HostagesKilled(23));
        await App.Situation.SubmitAsync(incident, [report]);
        var history = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, incident.Slug));

        await history.InvokeAsync(() => history.Find($"tr[data-report-id='{report.Id}'] [data-figure-index='0'] button.history-withdraw").Click());
        Dialogs.WaitForAssertion(() => Assert.Contains("Withdraw this figure?", Dialogs.Markup));
        Dialogs.Find("textarea").Change("Counted twice.");
        await Dialogs.InvokeAsync(() => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw").Click());

        history.WaitForAssertion(() => Assert.Contains("withdrawn by analyst@example.org", history.Find($"tr[data-report-id='{report.Id}'] [data-figure-index='0']").TextContent));
        Assert.Contains("“Counted twice.”", history.Find($"tr[data-report-id='{report.Id}'] [data-figure-index='0']").TextContent);
        Assert.Empty(history.FindAll($"tr[data-report-id='{report.Id}'] [data-figure-index='1'] .history-figure-reason"));
        var tallies = (await App.Situation.GetSituationAsync(incident.Slug))!.Tallies;
        Assert.Equal([(Scopes.All, 23)], tallies.Select(t => (t.Scope, t.Count)));
    }

    [Fact]
    public async Task A_british_wall_s_strip_leaves_out_norway_and_a_figure_withdrawn_and_given_again_is_one_correction()
    {
        var incident = await App.CreateIncidentAsync();
        var now = DateTimeOffset.UtcNow;
        await App.Situation.SubmitAsync(incident, [Reports.Figures(now.AddMinutes(-30).ToString("O"), Reports.Press, Reports.HostagesKilled(3, scope: "GB"))]);
        await App.Situation.GetSituationAsync(incident.Slug); // loaded, as on a server with a screen open
        var wall = RenderAt<WallPage>($"/wall/{incident.Slug}?country=GB", p => p.Add(x => x.Slug, incident.Slug));
        var oslo = Reports.Figures(now.AddMinutes(-20).ToString("O"), Reports.Ministry, Reports.HostagesKilled(5, scope: "NO"), Reports.HostagesKilled(4, scope: "GB"));
        await App.Situation.SubmitAsync(incident, [oslo]);
        Assert.Equal(FigureRetractResult.Retracted, (await App.Situation.RetractFigureAsync(incident, oslo.Id, 1, "Counted twice.", Actor.Seed)).Result);
        await App.Situation.SubmitAsync(incident, [Reports.Figures(now.AddMinutes(-10).ToString("O"), Reports.Ministry, Reports.HostagesKilled(4, scope: "GB"))]);
        await App.Situation.SubmitAsync(incident, [Reports.Figures(now.AddMinutes(-5).ToString("O"), Reports.Ministry, Reports.HostagesKilled(30))]); // in all

        wall.WaitForAssertion(() =>
        {
            var lines = wall.FindAll(".recent-changes li").Select(l => l.TextContent.Trim()).ToArray();
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.Contains("United Kingdom", line)); // only the desk's own moves
            var correction = Assert.Single(lines, l => l.Contains("CORRECTION"));
            Assert.Contains("Hostages killed, United Kingdom 4 withdrawn — Counted twice. (given again: 4)", correction);
            Assert.DoesNotContain(lines, l => l.Contains("Norway"));
            Assert.DoesNotContain(lines, l => l.Contains("new → 4"));
        }, TimeSpan.FromSeconds(5));
    }
}
