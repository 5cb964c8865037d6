using System.Text;
using Bunit;
using Dashboard.Access;
using Dashboard.Components.Admin;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>Import from the page, retraction from the history, and the Admin's keys: what an Analyst or Admin sees.</summary>
[Collection(SharedAppCollection.Name)]
public class AnalystToolsSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private const string Header = "reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier";

    private async Task<Incident> ImportThroughThePageAsync(string fileName, string content)
    {
        var incident = await App.CreateIncidentAsync();
        RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug))
            .FindAll("button").Single(b => b.TextContent.Trim() == "Import").Click();
        Dialogs.WaitForAssertion(() => Dialogs.FindComponent<InputFile>());
        Dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(content, fileName, contentType: "text/csv"));
        return incident;
    }

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_lists_every_bad_row_by_line_and_column()
    {
        var incident = await ImportThroughThePageAsync("colleague.csv", $"""
            {Header}
            r1,2013-01-18T18:00:00+01:00,Press,media,Twelve dead.,hostages,killed,all,,12,provisional
            r2,2013-01-19T20:00:00+01:00,Ministry,government,Dead.,hostages,killed,all,,twenty-three,exact
            r3,2013-01-19T21:00:00+01:00,Ministry,blog,Bad kind.,hostages,killed,GB,,1,exact
            """);

        Dialogs.WaitForAssertion(() => Assert.Contains("Nothing was imported: the file has 2 problem(s)", Dialogs.Markup), TimeSpan.FromSeconds(5));
        var rows = Dialogs.FindAll(".import-errors tbody tr").Select(r => r.TextContent).ToArray();
        Assert.Contains(rows, r => r.Contains("line 3, column count"));
        Assert.Contains(rows, r => r.Contains("line 4, column sourceKind"));
        Assert.Equal(0, await App.Situation.CountReportsAsync(incident.Slug));
    }

    [Fact]
    public async Task A_good_file_is_imported_under_the_analysts_name_and_the_cards_follow()
    {
        var incident = await ImportThroughThePageAsync("colleague.csv", $"""
            {Header}
            r1,2013-01-18T18:00:00+01:00,Press,media,Twelve dead.,hostages,killed,all,,12,provisional
            r2,2013-01-19T20:00:00+01:00,Ministry,government,Dead and freed.,hostages,killed,all,,23,exact
            r2,2013-01-19T20:00:00+01:00,Ministry,government,Dead and freed.,hostages,freed,all,,107,exact
            """);

        Dialogs.WaitForAssertion(() => Assert.Contains("Imported 2 new report(s); 0 were already stored.", Dialogs.Markup), TimeSpan.FromSeconds(5));
        var tallies = (await App.Situation.GetTalliesAsync(incident.Slug, null, CountryFilter.None))!.Tallies;
        Assert.Equal(23, tallies.Single(t => t.Status == FigureStatus.Killed).Count);
        Assert.Equal("analyst@example.org", (await App.Situation.GetAuditAsync()).First(e => e.Incident == incident.Slug).Actor);
    }

    [Fact]
    public async Task Retracting_from_the_history_needs_a_reason_and_shows_who_retracted_and_why()
    {
        var incident = await App.CreateIncidentAsync();
        var report = Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3));
        await App.Situation.SubmitAsync(incident, [report]);
        var history = Render<ReportHistoryPage>(p => p.Add(x => x.Slug, incident.Slug));

        history.Find($"tr[data-report-id='{report.Id}'] button").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Retract this report?", Dialogs.Markup));
        Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Retract").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Required.", Dialogs.Markup));
        Assert.Null((await App.Situation.FindReportAsync(incident.Slug, report.Id))!.Retraction);

        Dialogs.Find(".mud-dialog textarea").Change("The agency withdrew it.");
        Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Retract").Click();

        history.WaitForAssertion(() => Assert.Contains("by analyst@example.org", history.Find($"tr[data-report-id='{report.Id}'] .history-standing").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("The agency withdrew it.", history.Find($"tr[data-report-id='{report.Id}']").TextContent);
        Assert.StartsWith("retracted", history.Find($"tr[data-report-id='{report.Id}'] .history-standing").TextContent.Trim());
    }

    [Fact]
    public void An_admin_creates_an_api_key_sees_it_once_and_can_revoke_it()
    {
        SignInAs(Roles.Admin);
        var panel = Render<CredentialsPanel>(p => p.Add(x => x.Kind, Dashboard.Data.CredentialKind.ApiKey));
        var name = $"Feed {Guid.NewGuid():N}"[..16];

        panel.Find("input").Change(name);
        panel.FindAll("button").Single(b => b.TextContent.Trim() == "Create API key").Click();

        panel.WaitForAssertion(() =>
        {
            Assert.StartsWith("sdk_", panel.Find(".secret-value").TextContent);
            Assert.Contains("active", panel.Find($"tr[data-credential='{name}']").TextContent);
        });
        var row = panel.Find($"tr[data-credential='{name}']");
        Assert.Contains("active", row.TextContent);
        Assert.Contains("never", row.TextContent);
        Assert.DoesNotContain(panel.Find(".secret-value").TextContent, row.TextContent);

        row.QuerySelector("button")!.Click();
        panel.WaitForAssertion(() => Assert.Contains("revoked", panel.Find($"tr[data-credential='{name}']").TextContent));
        Assert.Empty(panel.FindAll(".secret-value"));
    }

    [Fact]
    public async Task An_admin_creates_an_account_gets_its_one_time_password_and_finds_the_change_in_the_audit_log()
    {
        SignInAs(Roles.Admin);
        var accounts = Render<AccountsPanel>();
        var email = $"new-{Guid.NewGuid():N}"[..16] + "@example.org";

        // Found and used in one turn of the renderer: the panel may still be drawing what it loaded (PostgreSQL
        // answers asynchronously), which replaces the buttons' handlers.
        await accounts.InvokeAsync(() => accounts.Find("input").Change(email));
        await accounts.InvokeAsync(() => accounts.FindAll("button").Single(b => b.TextContent.Trim() == "Create account").Click());

        accounts.WaitForAssertion(() => Assert.Equal(20, accounts.Find(".secret-value").TextContent.Length));
        var row = accounts.Find($"tr[data-account='{email}']");
        Assert.Contains("must choose a password", row.TextContent);
        Assert.Equal(Roles.Viewer, row.QuerySelector("select")!.GetAttribute("value"));

        var audit = Render<AuditPanel>();
        await audit.InvokeAsync(() => audit.FindAll("input")[^1].Change(email));
        await audit.InvokeAsync(() => audit.FindAll("button").Single(b => b.TextContent.Trim() == "Filter").Click());
        audit.WaitForAssertion(() => Assert.Single(audit.FindAll(".audit-table tbody tr")));
        Assert.Contains("create account", audit.Find(".audit-table tbody tr").TextContent);
        Assert.Contains("admin@example.org", audit.Find(".audit-table tbody tr").TextContent);
    }
}
