using Dashboard.Situation.Live;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>POST /api/incidents/{slug}/reports/{id}/retract: a retracted report stops counting from then on.</summary>
[Collection(SharedAppCollection.Name)]
public class RetractionTests(DashboardFactory app)
{
    private static readonly JsonObject Reason = new() { ["reason"] = "The agency withdrew the figure." };

    private async Task<(Incident Incident, NewReport Early, NewReport Late)> IncidentWithTwoFiguresAsync()
    {
        var incident = await app.CreateIncidentAsync();
        var early = Reports.Figures("2013-01-18T18:00:00+01:00", Reports.Press, Reports.HostagesKilled(12, Qualifier.Provisional)) with
        {
            Event = new TimelineEvent(DateTimeOffset.Parse("2013-01-18T18:00:00+01:00"), "Provisional toll", null, ["DZ"]),
        };
        var late = Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(25));
        await app.Situation.SubmitAsync(incident, [early]);
        await app.Situation.SubmitAsync(incident, [late]);
        return (incident, early, late);
    }

    [Fact]
    public async Task A_retracted_report_stops_counting_now_but_the_past_still_shows_what_was_believed()
    {
        var (incident, early, late) = await IncidentWithTwoFiguresAsync();

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports/{late.Id}/retract", Reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retraction = await response.JsonAsync();
        Assert.Equal("The agency withdrew the figure.", (string?)retraction["reason"]);
        Assert.Equal("Ingest API key #1", (string?)retraction["by"]);

        var live = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug))!;
        Assert.Equal((12, "provisional"), ((int)live["count"]!, (string?)live["qualifier"]));
        Assert.Empty(live["alternatives"]!.AsArray());
        var saturdayNight = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug, "?asOf=2013-01-19T23:00:00%2B01:00"))!;
        Assert.Equal(25, (int)saturdayNight["count"]!);

        var stored = await app.CreateWriter().GetFromJsonAsync<JsonObject>($"/api/incidents/{incident.Slug}/reports/{late.Id}");
        Assert.Equal("The agency withdrew the figure.", (string?)stored!["retraction"]!["reason"]);
    }

    [Fact]
    public async Task Retracting_every_figure_of_a_key_leaves_no_headline_and_takes_the_event_off_the_timeline()
    {
        var (incident, early, late) = await IncidentWithTwoFiguresAsync();

        await app.Situation.RetractAsync(incident, early.Id, "Wrong incident.", "test");
        await app.Situation.RetractAsync(incident, late.Id, "Wrong incident.", "test");

        var live = await app.Situation.GetSituationAsync(incident.Slug);
        Assert.Empty(live!.Tallies);
        Assert.Empty(live.Timeline);
        var friday = await app.Situation.GetSituationAsync(incident.Slug, DateTimeOffset.Parse("2013-01-18T23:00:00+01:00"));
        Assert.Equal(12, Assert.Single(friday!.Tallies).Count);
        Assert.Single(friday.Timeline);
    }

    [Fact]
    public async Task Retracting_twice_is_a_conflict_and_an_unknown_report_is_404()
    {
        var (incident, _, late) = await IncidentWithTwoFiguresAsync();
        var writer = app.CreateWriter();

        await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports/{late.Id}/retract", Reason);
        var again = await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports/{late.Id}/retract", Reason);
        var unknown = await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports/no-such-report/retract", Reason);
        var otherIncident = await writer.PostJsonAsync($"/api/incidents/in-amenas/reports/{late.Id}/retract", Reason);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherIncident.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\": \"  \"}")]
    public async Task A_retraction_without_a_reason_is_refused_and_changes_nothing(string body)
    {
        var (incident, _, late) = await IncidentWithTwoFiguresAsync();

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{incident.Slug}/reports/{late.Id}/retract", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["reason"], await response.ErrorFieldsAsync());
        Assert.Equal(25, (int)Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug))!["count"]!);
    }

    [Fact]
    public async Task Retracting_needs_the_api_key()
    {
        var (incident, _, late) = await IncidentWithTwoFiguresAsync();

        var response = await app.CreateClient().PostJsonAsync($"/api/incidents/{incident.Slug}/reports/{late.Id}/retract", Reason);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(25, (int)Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug))!["count"]!);
    }

    [Fact]
    public async Task Open_screens_hear_of_a_retraction()
    {
        var (incident, _, late) = await IncidentWithTwoFiguresAsync();
        var heard = new TaskCompletionSource<SituationChange>();
        using var subscription = app.Situation.Subscribe(incident.Slug, change => heard.TrySetResult(change));

        await app.Situation.RetractAsync(incident, late.Id, "Withdrawn.", "test");

        Assert.Equal([late.Id], (await heard.Task.WaitAsync(TimeSpan.FromSeconds(5))).ReportIds);
    }
}
