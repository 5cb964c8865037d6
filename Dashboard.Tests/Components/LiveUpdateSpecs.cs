using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>An open situation page follows what is written, unless it is showing the past.</summary>
[Collection(SharedAppCollection.Name)]
public class LiveUpdateSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private const string KilledKey = "[data-tally-key='hostages/killed/all/']";

    [Fact]
    public async Task A_live_page_shows_a_new_report_without_a_reload_and_marks_what_changed()
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]);
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        Assert.Equal("3", page.Find($"{KilledKey} .tally-count").TextContent);

        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T13:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(9))]);

        page.WaitForAssertion(() =>
        {
            var card = page.Find(KilledKey);
            Assert.Equal("9", card.QuerySelector(".tally-count")!.TextContent);
            Assert.Contains("tally-changed", card.ClassList);
            Assert.Contains("1 figure disputes this", card.TextContent); // the press's 3 an hour before: within the window
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_page_showing_the_past_does_not_jump_but_says_new_reports_arrived()
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]);
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-19T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(5))]);
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}?asOf=2013-01-18T18:00:00%2B01:00", p => p.Add(x => x.Slug, incident.Slug));

        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T14:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(7))]);

        page.WaitForAssertion(() => Assert.Contains("New reports have arrived", page.Find(".past-banner").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("3", page.Find($"{KilledKey} .tally-count").TextContent);
    }

    [Fact]
    public async Task A_closed_page_stops_listening()
    {
        var incident = await App.CreateIncidentAsync();
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        Assert.Equal(1, App.Situation.SubscriberCount(incident.Slug));

        page.Instance.Dispose();

        Assert.Equal(0, App.Situation.SubscriberCount(incident.Slug));
    }

    [Fact]
    public async Task A_live_write_redraws_the_card_it_changed_and_leaves_the_other_cards_and_the_timeline_as_they_were()
    {
        var incident = await App.CreateIncidentAsync();
        var freed = new Figure(FigureGroup.Hostages, FigureStatus.Freed, Scopes.All, null, 40, Qualifier.Exact);
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3), freed) with
        {
            Event = new TimelineEvent(DateTimeOffset.Parse("2013-01-18T12:00:00+01:00"), "Army storms the plant", null, []),
        }]);
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        var killedCard = page.FindComponents<TallyCard>().Single(c => c.Instance.Tally.Status == FigureStatus.Killed);
        var freedCard = page.FindComponents<TallyCard>().Single(c => c.Instance.Tally.Status == FigureStatus.Freed);
        var timeline = page.FindComponent<TimelinePanel>();
        var (killedDrawn, freedDrawn, timelineDrawn) = (killedCard.RenderCount, freedCard.RenderCount, timeline.RenderCount);

        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T13:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(9))]);

        // bUnit counts a child's renders as it hands the batch out, so wait for the card's own count, not the page's markup.
        killedCard.WaitForState(() => killedCard.RenderCount > killedDrawn, TimeSpan.FromSeconds(5));
        Assert.Equal("9", page.Find($"{KilledKey} .tally-count").TextContent);
        Assert.Equal(freedDrawn, freedCard.RenderCount);
        Assert.Equal(timelineDrawn, timeline.RenderCount);
        Assert.Equal("40", page.Find("[data-tally-key='hostages/freed/all/'] .tally-count").TextContent);
    }

    [Fact]
    public async Task A_timeline_event_written_as_markup_is_shown_as_the_words_it_is()
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3)) with
        {
            Source = new Source("Press <i>agency</i>", SourceKind.Media),
            Event = new TimelineEvent(DateTimeOffset.Parse("2013-01-18T12:00:00+01:00"), "<img src=x onerror=alert(1)> & \"more\"", "<b>detail</b>", ["GB"]),
        }]);

        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        var entry = page.Find(".timeline-entry");
        Assert.Contains("<img src=x onerror=alert(1)> & \"more\"", entry.TextContent);
        Assert.Contains("<b>detail</b>", entry.TextContent);
        Assert.Contains("Press <i>agency</i>", entry.TextContent);
        Assert.Empty(entry.QuerySelectorAll("img:not(.flag), b, i"));
        Assert.Equal(["flags/gb.svg"], entry.QuerySelectorAll("img.flag").Select(flag => flag.GetAttribute("src")));
        Assert.Equal("GB", entry.GetAttribute("data-countries"));
        Assert.Equal("12:00", entry.QuerySelector(".timeline-time")!.TextContent);
        Assert.Equal("United Kingdom", entry.QuerySelector(".timeline-country")!.GetAttribute("title"));
    }
}
