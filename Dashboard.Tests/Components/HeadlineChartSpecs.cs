using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>The step chart of a figure over time, drawn from a known history: the line with its qualifiers, claims apart, withdrawals crossed.</summary>
[Collection(SharedAppCollection.Name)]
public class HeadlineChartSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private static Figure Killed(int count, Qualifier qualifier) => Reports.HostagesKilled(count, qualifier, "GB");

    [Fact]
    public async Task The_line_steps_through_each_headline_with_its_qualifier_claims_are_rings_and_a_withdrawn_figure_is_crossed_out()
    {
        var incident = await App.CreateIncidentAsync();
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-16T10:00:00+01:00", Reports.Press, Killed(3, Qualifier.Exact))]);
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-17T09:00:00+01:00", Reports.Kidnappers, Killed(9, Qualifier.Claimed))]);
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-17T12:00:00+01:00", Reports.Ministry, Killed(5, Qualifier.AtLeast))]);
        var wrong = Reports.Figures("2013-01-18T08:00:00+01:00", Reports.Press, Killed(7, Qualifier.Exact));
        await App.Situation.SubmitAsync(incident, [wrong]);
        await App.Situation.RetractAsync(incident, wrong.Id, "Counted twice.", TestWrites.Tester);
        var history = (await App.Situation.GetHeadlineHistoryAsync(incident.Slug, new FigureKey(FigureGroup.Hostages, FigureStatus.Killed, "GB", null), null))!;

        var chart = Render<HeadlineChart>(p => p.Add(c => c.History, history).Add(c => c.Incident, incident)
            .Add(c => c.Moment, DateTimeOffset.Parse("2013-01-17T15:00:00+01:00")));

        Assert.Equal("Hostages killed, United Kingdom, over time", chart.Find("svg").GetAttribute("aria-label"));
        Assert.Equal(["3", "≥5", "7", "≥5"], chart.FindAll(".chart-step").Select(g => g.GetAttribute("data-step")));
        Assert.All(chart.FindAll(".chart-step"), step => Assert.NotEmpty(step.QuerySelector("title")!.TextContent));
        Assert.Contains("at least 5 from Thu 17 Jan, 12:00, Interior ministry (graded ungraded)", chart.FindAll(".chart-step title")[1].TextContent);
        var claim = Assert.Single(chart.FindAll("circle.chart-claim"));
        Assert.StartsWith("Claimed 9 by Kidnappers", claim.TextContent);
        Assert.StartsWith("Withdrawn: 7 (Press agency", Assert.Single(chart.FindAll(".chart-withdrawn title")).TextContent);
        Assert.Single(chart.FindAll("line.chart-moment"));
        Assert.True(chart.FindAll(".chart-day").Count >= 2); // midnights of the 17th and 18th in Algiers
        Assert.Equal(4 + 1 + 1, chart.FindAll(".headline-chart-table tbody tr").Count); // steps, the claim, the withdrawn figure
    }
}
