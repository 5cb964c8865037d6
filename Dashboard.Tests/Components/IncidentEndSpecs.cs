using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Components.Wall;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using MudBlazor;

namespace Dashboard.Tests.Components;

/// <summary>
/// After an incident is marked ended, the kidnappers' "7 still held" from the first day is not the present: the badge
/// says ENDED, the card says they were unaccounted for at the end, and the wall leads with the final figures.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class IncidentEndSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private static readonly DateTimeOffset End = DateTimeOffset.Parse("2013-01-19T13:00:00+01:00");
    private const string Held = "hostages/held/all/";
    private const string Killed = "hostages/killed/all/";

    private async Task<Incident> EndedIncidentAsync(bool end = true)
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident,
        [
            Reports.Figures("2013-01-16T15:00:00+01:00", Reports.Kidnappers, new Figure(FigureGroup.Hostages, FigureStatus.Held, Scopes.All, null, 7, Qualifier.Claimed)),
            Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(23),
                new Figure(FigureGroup.Hostages, FigureStatus.Freed, Scopes.All, null, 685, Qualifier.Exact)),
        ]);
        if (end)
            Assert.Equal(EndResult.Ended, await App.Situation.EndIncidentAsync(incident, End, Actor.Seed));
        return (await App.Situation.FindIncidentAsync(incident.Slug))!;
    }

    [Fact]
    public async Task The_wall_says_ended_leads_with_the_final_figures_and_calls_still_held_unaccounted_for_at_the_end()
    {
        var incident = await EndedIncidentAsync();

        var wall = RenderAt<WallPage>($"/wall/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        Assert.Equal("ENDED Sat 19 Jan, 13:00", wall.Find(".wall-mode-ended .when-online").TextContent.Trim());
        Assert.Empty(wall.FindAll(".wall-stale"));
        var held = wall.Find($"[data-tally-key='{Held}']");
        Assert.Equal("Hostages unaccounted for at the end", held.QuerySelector(".wall-card-label")!.TextContent.Trim());
        Assert.Contains("AT THE END, NOT NOW", held.TextContent);
        Assert.DoesNotContain("still held", held.TextContent);
        Assert.Contains("claimed · Wed 16 Jan, 15:00 · ended Sat 19 Jan, 13:00", held.TextContent);
        Assert.DoesNotContain("CLAIM by", held.TextContent);
        Assert.Contains("wall-card-before-end", held.ClassList);
        var order = wall.FindAll("[data-tally-key]").Select(c => c.GetAttribute("data-tally-key")).ToList();
        Assert.True(order.IndexOf(Killed) < order.IndexOf(Held) && order.IndexOf("hostages/freed/all/") < order.IndexOf(Held),
            $"the wall reads {string.Join(", ", order)}");
    }

    [Fact]
    public async Task The_page_says_ended_and_the_moment_before_the_end_still_shows_who_was_held_then()
    {
        var incident = await EndedIncidentAsync();

        var live = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        Assert.Equal("ENDED Sat 19 Jan, 13:00", live.Find(".live-chip-ended .when-online").TextContent.Trim());
        var held = live.Find($"[data-tally-key='{Held}']");
        Assert.Equal("Hostages unaccounted for at the end", held.QuerySelector("h3")!.TextContent.Trim());
        Assert.Contains("at the end, not now", held.TextContent);

        var before = RenderAt<SituationPage>($"/incidents/{incident.Slug}?asOf=2013-01-18T12:00:00%2B01:00", p => p.Add(x => x.Slug, incident.Slug));
        Assert.Empty(before.FindAll(".tally-badge-before-end"));
        Assert.Contains("CLAIM — not confirmed", before.Find($"[data-tally-key='{Held}']").TextContent);
    }

    [Fact]
    public async Task A_held_figure_reported_at_or_after_the_end_is_the_present_again()
    {
        var incident = await EndedIncidentAsync();
        await App.Situation.SubmitAsync(incident,
            [Reports.Figures("2013-01-19T13:00:00+01:00", Reports.Ministry, new Figure(FigureGroup.Hostages, FigureStatus.Held, Scopes.All, null, 0, Qualifier.Exact))]);

        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        var held = page.Find($"[data-tally-key='{Held}']");
        Assert.Equal("Hostages still held", held.QuerySelector("h3")!.TextContent.Trim());
        Assert.Empty(page.FindAll(".tally-badge-before-end"));
    }

    [Fact]
    public async Task The_list_of_incidents_marks_an_ended_incident_and_says_who_was_unaccounted_for_at_the_end()
    {
        var incident = await EndedIncidentAsync();

        var list = RenderAt<Dashboard.Components.Incidents.IncidentList>("/", _ => { });

        var card = list.Find($"a[href='incidents/{incident.Slug}']").Closest(".mud-card")!;
        Assert.Contains("ENDED Sat 19 Jan, 13:00", card.TextContent.Replace('\u00a0', ' '));
        Assert.Contains("7 hostages unaccounted for at the end", System.Text.RegularExpressions.Regex.Replace(card.TextContent, @"\s+", " "));
        Assert.DoesNotContain("still held", card.TextContent);
    }

    [Fact]
    public async Task An_analyst_marks_the_incident_ended_from_the_page_and_a_bad_moment_is_pointed_out_first()
    {
        var incident = await EndedIncidentAsync(end: false);
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Mark ended").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("input"));
        // The same picker as every other time, in the incident's clock, the moment said in words beside it.
        Assert.Equal("datetime-local", Dialogs.Find("input").GetAttribute("type"));
        Dialogs.Find("input").Change("2013-01-19T13:00");
        Dialogs.WaitForAssertion(() => Assert.Contains($"Saturday 19 January 2013, 13:00 — {incident.TimeZone} (UTC+01:00)", Dialogs.Markup));
        Dialogs.Find("input").Change("2013-01-19 13:00");
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Mark ended").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("ISO 8601", Dialogs.Markup));
        Assert.Null((await App.Situation.FindIncidentAsync(incident.Slug))!.EndedAt);

        Dialogs.Find("input").Change("2013-01-19T13:00");
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Mark ended").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")), TimeSpan.FromSeconds(5));
        Assert.Equal(End, (await App.Situation.FindIncidentAsync(incident.Slug))!.EndedAt);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".live-chip-ended")), TimeSpan.FromSeconds(5));
        Assert.Contains(await App.Situation.GetAuditAsync(new AuditFilter(null, "end incident", incident.Slug)), e => e.Actor == "analyst@example.org");
    }
}
