using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>The situation page's "over time" panel: closed until asked for, then the headline figures of the nationalities shown as charts.</summary>
[Collection(SharedAppCollection.Name)]
public class OverTimePanelSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private IRenderedComponent<SituationPage> Open(string query) =>
        RenderAt<SituationPage>($"/incidents/in-amenas{query}", p => p.Add(x => x.Slug, "in-amenas"));

    private static IEnumerable<string?> Charts(IRenderedComponent<SituationPage> page) =>
        page.FindAll(".charts-panel svg").Select(svg => svg.GetAttribute("aria-label"));

    [Fact]
    public void Closed_it_draws_no_chart_and_its_link_opens_it_in_the_address()
    {
        var page = Open("?country=GB");

        Assert.Empty(Charts(page));
        var toggle = page.Find(".charts-panel a");
        Assert.Equal("Show the headline figures over time", toggle.TextContent);
        Assert.EndsWith("/incidents/in-amenas?country=GB&overTime=open", toggle.GetAttribute("href"));
    }

    [Fact]
    public void A_cards_over_time_link_keeps_the_moment_the_page_shows_and_a_live_page_s_opens_it_live()
    {
        var past = Open("?asOf=2013-01-18T23%3A00%3A00%2B01%3A00");
        Assert.EndsWith("&asOf=2013-01-18T23%3A00%3A00%2B01%3A00",
            past.Find("[data-tally-key='hostages/killed/all/'] a.tally-over-time").GetAttribute("href"));
        Assert.Single(past.FindAll("[data-tally-key='hostages/killed/all/'] a.tally-over-time"));

        var live = Open("");
        Assert.EndsWith("over-time?group=hostages&status=killed&scope=all",
            live.Find("[data-tally-key='hostages/killed/all/'] a.tally-over-time").GetAttribute("href"));
    }

    [Fact]
    public void Open_with_no_nationality_chosen_it_charts_the_headline_figures_in_reading_order()
    {
        var page = Open("?overTime=open");

        page.WaitForAssertion(() => Assert.Equal(
        [
            "Hostages killed, in all, over time", "Hostages killed, foreign nationals, over time", "Hostages freed, foreign nationals, over time",
            "Hostages freed, local (Algeria), over time", "Hostages still held, foreign nationals, over time", "Militants killed, in all, over time",
        ], Charts(page)), Loaded);
        Assert.Equal(["2", "12?", "23"], page.FindAll(".charts-panel svg").First().QuerySelectorAll(".chart-step").Select(s => s.GetAttribute("data-step")));
        // Side by side, the charts share their days: the foreign nationals' claim of Friday runs on to Saturday like the rest.
        var days = page.FindAll(".charts-panel svg").Select(svg => string.Join(" ", svg.QuerySelectorAll("text.chart-axis").Select(t => t.TextContent).Where(t => t.Contains("Jan")))).ToArray();
        Assert.All(days, d => Assert.Equal("Thu 17 Jan Fri 18 Jan Sat 19 Jan", d));
    }

    [Fact]
    public void Open_for_britain_and_japan_it_charts_their_hostages_outcomes_by_nationality_up_to_the_moment_shown()
    {
        var page = Open("?country=GB,JP&overTime=open&asOf=2013-01-19T20%3A00%3A00%2B01%3A00");

        page.WaitForAssertion(() => Assert.Equal(
            ["Hostages killed, United Kingdom, over time", "Hostages freed, United Kingdom, over time", "Hostages still held, United Kingdom, over time",
             "Hostages still held, Japan, over time"], Charts(page)), Loaded); // Japan's ten missing came at 22:00, after the moment
        // Every chart marks the moment, even one whose last figure came days before it (the United Kingdom's one killed, Wednesday).
        Assert.Equal(4, page.FindAll(".charts-panel .chart-moment").Count);
    }
}
