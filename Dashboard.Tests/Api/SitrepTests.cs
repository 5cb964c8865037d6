using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>The situation report page as leadership gets it: one moment, the nationalities asked for, served as plain HTML.</summary>
[Collection(SharedAppCollection.Name)]
public class SitrepTests(DashboardFactory app)
{
    private async Task<string> SitrepAsync(string query = "") =>
        WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/incidents/in-amenas/sitrep{query}"));

    [Fact]
    public async Task As_of_friday_night_for_britain_and_japan_it_says_the_moment_the_figures_their_sources_and_the_disagreements()
    {
        var sitrep = await SitrepAsync("?asOf=2013-01-18T23:00:00%2B01:00&country=GB,JP");

        Assert.Contains("SITUATION REPORT", sitrep);
        Assert.Contains("Situation as of Friday 18 January 2013, 23:00", sitrep);
        Assert.Contains("nationalities: Japan, United Kingdom", sitrep);
        Assert.Contains("data-tally-key=\"hostages/held/GB/\"", sitrep);
        Assert.DoesNotContain("data-tally-key=\"hostages/held/US/\"", sitrep);
        Assert.Contains("data-tally-key=\"hostages/killed/all/\"", sitrep);
        Assert.Contains("CLAIM, not confirmed", sitrep);
        Assert.Contains("<td class=\"sitrep-count\">provisional 12 of 700</td>", sitrep);
        Assert.Contains("generated", sitrep);
        Assert.DoesNotContain("blazor.web.js\" autostart=\"false\"></script>\n    <script src=\"reconnect", sitrep.Replace("\r", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_end_the_killed_figure_is_the_ministrys_23_with_its_earlier_figures_said_as_such()
    {
        var sitrep = await SitrepAsync();

        Assert.Contains("live at the time of printing", sitrep);
        var killedRow = sitrep[sitrep.IndexOf("data-tally-key=\"hostages/killed/all/\"", StringComparison.Ordinal)..];
        killedRow = killedRow[..killedRow.IndexOf("</tr>", StringComparison.Ordinal)];
        // Not "of 700": by then 685 Algerians and 107 foreigners had been freed, more than the 700 at the site.
        Assert.Contains("<td class=\"sitrep-count\">23</td>", killedRow);
        Assert.Contains("2 earlier figures", killedRow);
        Assert.Contains("Algerian interior ministry", killedRow);
    }

    [Fact]
    public async Task Since_friday_night_it_says_first_what_changed_by_the_end()
    {
        var sitrep = await SitrepAsync("?since=2013-01-18T23:00:00%2B01:00");

        Assert.Contains("Changes from Friday 18 January 2013, 23:00 to", sitrep);
        Assert.Contains("Hostages killed — in all: 12 (provisional, Media reports, Fri 18 Jan, 18:00) → 23 (Algerian interior ministry, Sat 19 Jan, 20:00)", sitrep);
        Assert.Contains("Nationalities with figures for the first time", sitrep);
        Assert.Contains("Norway", sitrep[sitrep.IndexOf("data-changes=\"nationalities\"", StringComparison.Ordinal)..]);
        Assert.True(sitrep.IndexOf("Changes from", StringComparison.Ordinal) < sitrep.IndexOf("Headline figures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_moment_to_compare_with_that_is_not_earlier_is_left_out_and_said()
    {
        var sitrep = await SitrepAsync("?asOf=2013-01-18T23:00:00%2B01:00&since=2013-01-19T23:00:00%2B01:00");

        Assert.DoesNotContain("Changes from", sitrep);
        Assert.Contains("must be earlier than the moment shown", sitrep);
        Assert.Contains("Headline figures", sitrep);
    }

    [Fact]
    public async Task Reading_the_report_needs_what_reading_the_situation_needs()
    {
        using var deployed = new DashboardFactory { Environment = "Production" };
        var anonymous = deployed.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/incidents/in-amenas/sitrep");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
    }
}
