using Bunit;
using Dashboard.Components.Briefing;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>The situation report as leadership reads it: the moment, the figures with their sources, and what changed.</summary>
[Collection(SharedAppCollection.Name)]
public class SitrepSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private IRenderedComponent<SitrepPage> SitrepAt(string query) =>
        RenderAt<SitrepPage>($"/incidents/in-amenas/sitrep{query}", p => p.Add(x => x.Slug, "in-amenas"));

    private static string Row(IRenderedComponent<SitrepPage> sitrep, string key) =>
        sitrep.Find($"tr[data-tally-key='{key}']").TextContent;

    [Fact]
    public void As_of_friday_night_for_britain_and_japan_since_wednesday_night()
    {
        var sitrep = SitrepAt("?asOf=2013-01-18T23:00:00%2B01:00&country=GB,JP&since=2013-01-16T23:00:00%2B01:00");

        Assert.StartsWith("Situation as of Friday 18 January 2013, 23:00 (Africa/Algiers, UTC+01:00)", sitrep.Find(".sitrep-asof").TextContent);
        Assert.Contains("nationalities: Japan, United Kingdom", sitrep.Find(".sitrep-meta").TextContent);
        Assert.Contains("provisional 12 of 700", Row(sitrep, "hostages/killed/all/"));
        Assert.Contains("1 earlier figure: 2 (earlier, Media reports ungraded, Wed 16 Jan, 12:00)", Row(sitrep, "hostages/killed/all/"));
        Assert.Contains("claimed 1", Row(sitrep, "hostages/held/JP/"));
        Assert.Contains("CLAIM, not confirmed:", Row(sitrep, "hostages/held/JP/"));
        Assert.Empty(sitrep.FindAll("tr[data-tally-key='hostages/held/US/']"));
        Assert.Equal(["Japan", "United Kingdom"], sitrep.FindAll(".sitrep-countries tbody th").Select(th => th.TextContent));
        Assert.Equal("Changes from Wednesday 16 January 2013, 23:00 to Friday 18 January 2013, 23:00", sitrep.Find(".changes-since h2").TextContent);
        Assert.Contains("Hostages killed — in all: 2 (Media reports, Wed 16 Jan, 12:00) → 12 (provisional, Media reports, Fri 18 Jan, 18:00)",
            sitrep.FindAll("[data-changes='headlines'] li").Select(li => li.TextContent));
        Assert.Contains("download the PDF", sitrep.Find("a[href^='api/incidents/in-amenas/sitrep.pdf']").TextContent);
    }

    [Fact]
    public void At_the_end_the_report_is_live_with_the_ministrys_figures_and_the_whole_timeline()
    {
        var sitrep = SitrepAt("");

        Assert.EndsWith("— live at the time of printing", sitrep.Find(".sitrep-asof").TextContent);
        Assert.Contains("23", Row(sitrep, "hostages/killed/all/"));
        Assert.DoesNotContain("of 700", Row(sitrep, "hostages/killed/all/")); // freed 685 + 107 are more than 700
        Assert.Contains("Algerian interior ministry (government)", Row(sitrep, "hostages/killed/all/"));
        Assert.Contains("2 earlier figures", Row(sitrep, "hostages/killed/all/"));
        Assert.True(sitrep.FindAll(".sitrep-timeline li").Count >= 15);
        Assert.Empty(sitrep.FindAll(".changes-since"));
    }
}
