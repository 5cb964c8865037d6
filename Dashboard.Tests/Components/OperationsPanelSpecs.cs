using System.Text.RegularExpressions;
using Bunit;
using Dashboard.Components.Admin;
using Dashboard.Components.Wall;
using Dashboard.Observability;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The Admin's Operations panel over the app's real meters: writes, open walls and a lost wall show within its refresh.</summary>
[Collection(SharedAppCollection.Name)]
public partial class OperationsPanelSpecs(DashboardFactory app) : SituationPageContext(app)
{
    [GeneratedRegex(@"(\d+) in the last hour")]
    private static partial Regex LastHour();

    private static int ReportsInTheLastHour(IRenderedComponent<OperationsPanel> panel) =>
        int.Parse(LastHour().Match(panel.Find(".ops-reports").TextContent).Groups[1].Value);

    [Fact]
    public async Task Reports_written_and_a_wall_opened_show_on_the_panel_as_it_refreshes()
    {
        var incident = await App.CreateIncidentAsync();
        var panel = Render<OperationsPanel>();
        var before = ReportsInTheLastHour(panel);

        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]);
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T13:00:00+01:00", Reports.Press, Reports.HostagesKilled(4))]);
        RenderAt<WallPage>($"/wall/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        panel.WaitForAssertion(() =>
        {
            Assert.Equal(before + 2, ReportsInTheLastHour(panel));
            Assert.Equal([incident.Slug, "0", "1"], panel.Find($".ops-screens tr[data-incident='{incident.Slug}']").Children.Select(c => c.TextContent).ToArray());
        }, TimeSpan.FromSeconds(10));
        Assert.EndsWith("ms", panel.Find(".ops-commit").TextContent.Trim());
        Assert.Contains(App.OnPostgres ? "B" : "free on its disk", panel.Find(".ops-database").TextContent);
    }

    [Fact]
    public async Task A_wall_disconnected_for_more_than_a_minute_is_called_out()
    {
        var incident = await App.CreateIncidentAsync();
        var walls = App.Services.GetRequiredService<WallConnections>();
        var panel = Render<OperationsPanel>();
        Assert.Empty(panel.FindAll(".ops-walls-offline"));

        walls.Down("circuit-of-a-test-wall", incident.Slug, DateTimeOffset.UtcNow.AddMinutes(-2));

        panel.WaitForAssertion(() => Assert.Contains($"A wall of {incident.Slug} has been disconnected since",
            panel.Find(".ops-walls-offline").TextContent), TimeSpan.FromSeconds(10));
        walls.Up("circuit-of-a-test-wall");
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll(".ops-walls-offline")), TimeSpan.FromSeconds(10));
    }
}
