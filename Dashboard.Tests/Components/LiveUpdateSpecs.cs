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
}
