using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>Times that read well for a past incident: the host's clock, an age only while it means something, a slider that says the moment.</summary>
[Collection(SharedAppCollection.Name)]
public class TimesSpecs(DashboardFactory app) : SituationPageContext(app)
{
    [Fact]
    public void A_figure_of_2013_says_when_in_the_host_clock_not_how_many_years_ago()
    {
        var page = RenderAt<SituationPage>("/incidents/in-amenas", p => p.Add(x => x.Slug, "in-amenas"));

        var killed = page.Find("[data-tally-key='hostages/killed/all/'] .tally-when").TextContent.Trim();
        Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} Jan, \d\d:\d\d$", killed);
        Assert.DoesNotContain(page.FindAll(".tally-when"), w => w.TextContent.Contains("ago") || w.TextContent.Contains("year"));
    }

    [Fact]
    public void A_stale_badge_of_another_year_carries_its_date_and_year_on_the_wall_and_the_page()
    {
        var wall = RenderAt<Dashboard.Components.Wall.WallPage>("/wall/in-amenas", p => p.Add(x => x.Slug, "in-amenas"));
        var page = RenderAt<SituationPage>("/incidents/in-amenas", p => p.Add(x => x.Slug, "in-amenas"));

        // The last report, 19 January 2013, plus the 30 minutes after which a screen is stale.
        Assert.Matches(@"^STALE since (Sat|Sun) \d{1,2} Jan 2013, \d\d:\d\d$", wall.Find(".wall-mode .when-online").TextContent.Trim());
        Assert.Matches(@"^STALE since (Sat|Sun) \d{1,2} Jan 2013, \d\d:\d\d$", page.Find(".live-chip .when-online").TextContent.Trim());
    }

    [Theory]
    [InlineData("2026-12-06T05:10:00Z", "06:10")]                  // today in Algiers (UTC+1)
    [InlineData("2026-12-05T22:30:00Z", "Sat 5 Dec, 23:30")]       // yesterday there
    [InlineData("2013-01-19T19:00:00Z", "Sat 19 Jan 2013, 20:00")] // another year
    public async Task A_time_of_another_day_carries_its_date(string instant, string shown)
    {
        var inAmenas = (await App.Situation.FindIncidentAsync("in-amenas"))!;
        var now = DateTimeOffset.Parse("2026-12-06T09:00:00Z");

        Assert.Equal(shown, SituationText.ClockOrDate(DateTimeOffset.Parse(instant), inAmenas, now));
    }

    [Fact]
    public async Task A_recent_figure_also_says_how_long_ago()
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [Reports.Figures(DateTimeOffset.UtcNow.AddHours(-3).ToString("O"), Reports.Ministry, Reports.HostagesKilled(4))]);

        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        Assert.EndsWith("ago", page.Find("[data-tally-key='hostages/killed/all/'] .tally-when").TextContent.Trim());
    }

    [Fact]
    public void The_slider_says_the_moment_to_the_eye_and_to_a_screen_reader()
    {
        var page = RenderAt<SituationPage>("/incidents/in-amenas?asOf=2013-01-18T23:00:00%2B01:00", p => p.Add(x => x.Slug, "in-amenas"));

        var slider = page.Find(".as-of-control input[type=range]");
        Assert.Contains("18 January", slider.GetAttribute("aria-valuetext"));
        Assert.Contains("23:00", slider.GetAttribute("aria-valuetext"));
        Assert.Equal(slider.GetAttribute("aria-valuetext"), page.Find(".as-of-moment").TextContent.Trim());
    }
}
