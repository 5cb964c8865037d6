using AngleSharp.Dom;
using Bunit;
using Dashboard.Access;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>An Analyst enters a report on the situation page: checked like the API, previewed, then saved.</summary>
[Collection(SharedAppCollection.Name)]
public class ReportFormSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private static Figure Hostages(FigureStatus status, int count, string scope = Scopes.All) =>
        new(FigureGroup.Hostages, status, scope, null, count, Qualifier.Exact);

    private async Task<(Incident Incident, IRenderedComponent<SituationPage> Page)> OpenFormAsync(params NewReport[] existing)
    {
        var incident = await App.CreateIncidentAsync();
        if (existing.Length > 0)
            await App.Situation.SubmitAsync(incident, existing);
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "New report").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("New report", Dialogs.Markup));
        return (incident, page);
    }

    // MudBlazor labels its inputs with <label for=…>, as a person reads them.
    private IElement Field(string label)
    {
        var forId = Dialogs.FindAll("label").First(l => l.TextContent.Trim().StartsWith(label, StringComparison.Ordinal)).GetAttribute("for");
        return Dialogs.Find($"#{forId}");
    }

    private void Press(string button) =>
        Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button).Click();

    private string ErrorBeside(string label) =>
        Field(label).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";

    // A new source's kind is chosen on purpose: the form has no default.
    private void Fill(string source, string statement, int count, string kind = "media")
    {
        Field("Source").Input(source);
        Field("Source").Blur();
        var kinds = Dialogs.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "Kind of source");
        kinds.InvokeAsync(() => kinds.Instance.ValueChanged.InvokeAsync(kind));
        Field("Statement").Change(statement);
        Field("Count").Change(count.ToString());
    }

    [Theory]
    [InlineData("NO", "NO · Norway")] // the code itself, never "OM · Oman" by its first letter
    [InlineData("jap", "JP · Japan")]
    [InlineData("kingdom", "GB · United Kingdom")]
    public async Task The_scope_picker_offers_first_the_country_meant_by_its_code_or_name(string typed, string first)
    {
        await OpenFormAsync();

        Field("Scope").Input(typed);

        Popovers.WaitForAssertion(() => Assert.Equal(first, Popovers.FindAll(".mud-popover-open .mud-list-item").FirstOrDefault()?.TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_empty_report_is_refused_with_the_api_rules_beside_each_field_and_nothing_is_saved()
    {
        var (incident, _) = await OpenFormAsync();

        Press("Preview");

        Dialogs.WaitForAssertion(() => Assert.Contains("Required", ErrorBeside("Statement")));
        Assert.Contains("Required", ErrorBeside("Source"));
        Assert.Contains("Required", ErrorBeside("Kind of source"));
        Assert.Contains("whole number", ErrorBeside("Count"));
        Assert.Empty(Dialogs.FindAll(".report-preview"));
        Assert.True(Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Save report").HasAttribute("disabled"));
        Assert.Equal(0, await App.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task The_preview_says_which_headline_moves_and_saving_stores_the_report_under_the_analysts_name()
    {
        var (incident, page) = await OpenFormAsync(Reports.Figures("2013-01-19T12:00:00+01:00", Reports.Ministry, Hostages(FigureStatus.Killed, 23)));

        Fill("Press agency", "Thirty-seven hostages are dead, the agency says.", 37);
        Press("Preview");

        Dialogs.WaitForAssertion(() => Assert.Contains("moves from 23 to 37", Dialogs.Find(".report-preview").TextContent));
        Assert.Contains("23 (Interior ministry) stays beside it as a contradicting figure", Dialogs.Find(".report-preview").TextContent);
        Assert.Equal(1, await App.Situation.CountReportsAsync(incident.Slug));

        Press("Save report");

        page.WaitForAssertion(() => Assert.Equal("37", page.Find("[data-tally-key='hostages/killed/all/'] .tally-count").TextContent), TimeSpan.FromSeconds(5));
        var saved = (await App.Situation.GetAuditAsync()).First(e => e.Incident == incident.Slug && e.Action == "report");
        Assert.Equal("analyst@example.org", saved.Actor);
        Assert.Equal(2, await App.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task Inconsistent_figures_are_warned_about_but_can_still_be_saved()
    {
        var (incident, _) = await OpenFormAsync(Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Ministry,
            Hostages(FigureStatus.Killed, 9), Hostages(FigureStatus.Killed, 5, "JP"), Hostages(FigureStatus.Killed, 3, "GB"),
            Hostages(FigureStatus.Freed, 6), Hostages(FigureStatus.Total, 12)));

        // The same ministry, lower than it said before: 7 killed, below Japan's 5 and Britain's 3, and 7 + 6 freed > 12 there.
        Fill("Interior ministry", "Seven hostages were killed.", 7, kind: "government");
        Press("Preview");

        Dialogs.WaitForAssertion(() => Assert.Equal(3, Dialogs.FindAll(".consistency-warning").Count));
        var warnings = string.Join("\n", Dialogs.FindAll(".consistency-warning").Select(w => w.TextContent));
        Assert.Contains("goes down from 9 to 7", warnings);
        Assert.Contains("Hostages killed (in all): Fewer than its parts add up to: 8 (Japan 5, United Kingdom 3)", warnings);
        Assert.Contains("Hostages at the site (in all): Fewer than killed, freed add up to: 13 (killed 7, freed 6)", warnings);

        Press("Save report");
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".report-form")), TimeSpan.FromSeconds(5));
        Assert.Equal(2, await App.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task Editing_after_the_preview_asks_for_a_new_preview_before_saving()
    {
        var (incident, _) = await OpenFormAsync();
        Fill("Press agency", "Two dead.", 2);
        Press("Preview");
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll(".report-preview")));

        Field("Count").Change("3");
        Press("Save report");

        Dialogs.WaitForAssertion(() => Assert.Contains("preview it again", Dialogs.Markup));
        Assert.Equal(0, await App.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task A_viewer_gets_counts_but_no_report_tools_named_people_or_sources_words()
    {
        SignInAs(Roles.Viewer);
        var page = RenderAt<SituationPage>("/incidents/in-amenas", p => p.Add(x => x.Slug, "in-amenas"));

        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "New report" or "Import");
        Assert.DoesNotContain("People named in reports", page.Markup);
        page.FindAll("button.tally-alternatives").First().Click();
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll(".alternatives-table")));
        Assert.DoesNotContain("In their words", Dialogs.Markup);
        Assert.Empty(Dialogs.FindAll(".alternative-statement"));
    }
}
