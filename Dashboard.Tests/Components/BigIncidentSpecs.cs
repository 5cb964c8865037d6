using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>A big incident opens with its biggest figures and latest events; the rest come on request.</summary>
[Collection(SharedAppCollection.Name)]
public class BigIncidentSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private static readonly string[] Codes = Countries.All.Where(c => c != "DZ").Order(StringComparer.Ordinal).Take(60).ToArray();

    [Fact]
    public async Task Sixty_nationalities_show_the_biggest_24_first_and_all_on_request()
    {
        var incident = await App.CreateIncidentAsync();
        var figures = Codes.Select((code, i) => Reports.HostagesKilled(i + 1, scope: code)).ToArray();
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Ministry, figures)]);

        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        var cards = page.FindAll("[aria-labelledby='nationalities-heading'] [data-tally-key]");
        Assert.Equal(24, cards.Count);
        Assert.Equal("60", cards[0].QuerySelector(".tally-count")!.TextContent);
        var showAll = page.Find("[aria-labelledby='nationalities-heading'] button.show-all");
        Assert.Equal("Show all 60 nationality figures (36 more)", showAll.TextContent.Trim());

        await page.InvokeAsync(() => page.Find("[aria-labelledby='nationalities-heading'] button.show-all").Click());

        page.WaitForAssertion(() => Assert.Equal(60, page.FindAll("[aria-labelledby='nationalities-heading'] [data-tally-key]").Count));
        Assert.Equal("true", page.Find("[aria-labelledby='nationalities-heading'] button.show-all").GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task A_long_timeline_shows_the_latest_fifty_events_and_earlier_ones_fifty_at_a_time()
    {
        var incident = await App.CreateIncidentAsync();
        var start = DateTimeOffset.Parse("2013-01-16T06:00:00+01:00");
        var reports = Enumerable.Range(0, 150).Select(i => new NewReport($"{incident.Slug}-e{i}", start.AddMinutes(10 * i), Reports.Press,
            $"Event {i}.", null, [], new TimelineEvent(start.AddMinutes(10 * i), $"Event number {i}", null, ["GB"]), [])).ToArray();
        await App.Situation.SubmitAsync(incident, reports);

        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        Assert.Equal(50, page.FindAll(".timeline-entry").Count);
        Assert.Contains("Event number 149", page.Find(".timeline-list").ParentElement!.TextContent);
        Assert.DoesNotContain("Event number 99<", page.Markup);
        Assert.Contains("The latest 50 of 150 events.", page.Markup);

        // Found and clicked in one turn of the renderer: a redraw in between (the page hearing of its own incident, on
        // PostgreSQL asynchronously) would leave the click on a button that is gone.
        await page.InvokeAsync(() => page.Find("button.show-earlier").Click());
        page.WaitForAssertion(() => Assert.Equal(100, page.FindAll(".timeline-entry").Count));
        await page.InvokeAsync(() => page.Find("button.show-earlier").Click());

        page.WaitForAssertion(() => Assert.Equal(150, page.FindAll(".timeline-entry").Count));
        Assert.Empty(page.FindAll("button.show-earlier"));
    }
}
