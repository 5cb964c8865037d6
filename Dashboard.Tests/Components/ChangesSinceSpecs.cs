using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>"Changes since…" on the situation page: for a shift handover, what moved between an earlier moment and the one shown.</summary>
[Collection(SharedAppCollection.Name)]
public class ChangesSinceSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private IRenderedComponent<SituationPage> OpenChangesAt(string query)
    {
        var page = RenderAt<SituationPage>($"/incidents/in-amenas{query}", p => p.Add(x => x.Slug, "in-amenas"));
        // Found and clicked in one turn of the renderer, so a live redraw cannot come between.
        page.InvokeAsync(() => page.FindAll(".changes-since-control button").Single(b => b.TextContent == "Changes since…").Click()).GetAwaiter().GetResult();
        return page;
    }

    [Fact]
    public void An_analyst_handing_over_on_saturday_night_sees_what_moved_since_friday_night()
    {
        var page = OpenChangesAt("");

        page.Find("#changes-since-moment").Change("2013-01-18T23:00");
        page.Find(".changes-since-control form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Changes from Friday 18 January 2013, 23:00", page.Find(".changes-since h2").TextContent));
        var moved = page.FindAll("[data-changes='headlines'] li").Select(li => li.TextContent).ToArray();
        Assert.Contains("Hostages killed — in all: 12 (provisional, Media reports, Fri 18 Jan, 18:00) → 23 (Algerian interior ministry, Sat 19 Jan, 20:00)", moved);
        Assert.Equal("Norway", page.Find("[data-changes='nationalities'] li").TextContent);
        Assert.Contains("since=2013-01-18T23%3A00%3A00%2B01%3A00", page.Find(".changes-since-control a").GetAttribute("href"));
    }

    [Fact]
    public void It_offers_a_shift_before_the_latest_report_and_keeps_to_the_nationalities_shown()
    {
        var page = OpenChangesAt("?country=JP");

        Assert.Equal("2013-01-19T11:00", page.Find("#changes-since-moment").GetAttribute("value"));
        page.Find(".changes-since-control form").Submit();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-changes='headlines'] li")));
        var moved = page.FindAll("[data-changes='headlines'] li").Select(li => li.TextContent).ToArray();
        Assert.Contains(moved, m => m.StartsWith("Hostages missing — Japan: none → 10", StringComparison.Ordinal));
        Assert.DoesNotContain(moved, m => m.Contains("Norway") || m.Contains("United Kingdom") || m.Contains("BP staff"));
    }

    [Fact]
    public void A_moment_after_the_one_shown_is_refused_with_a_message()
    {
        var page = OpenChangesAt("?asOf=2013-01-18T23:00:00%2B01:00");

        page.Find("#changes-since-moment").Change("2013-01-19T10:00");
        page.Find(".changes-since-control form").Submit();

        Assert.Equal("The moment to compare with must be earlier than the moment shown.", page.Find(".changes-since-control [role=alert]").TextContent);
        Assert.Empty(page.FindAll(".changes-since"));
    }
}
