using Bunit;
using Dashboard.Components.Wall;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Components;

/// <summary>A rotating wall, on a clock the spec moves on: the views it comes to in turn.</summary>
[Collection(SharedAppCollection.Name)]
public class WallRotationSpecs(DashboardFactory app) : SituationPageContext(app, new FakeTimeProvider(DateTimeOffset.UtcNow))
{
    [Fact]
    public void The_rotation_comes_to_the_main_figures_over_time_and_then_the_map_with_no_name_in_either()
    {
        var clock = (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
        var wall = RenderAt<WallPage>("/wall/in-amenas?rotate=5", p => p.Add(x => x.Slug, "in-amenas"));

        clock.Advance(TimeSpan.FromSeconds(15)); // tallies, timeline, countries: then the charts
        wall.WaitForAssertion(() => Assert.Equal("OverTime", wall.Find(".wall-root").GetAttribute("data-view")), Loaded);
        wall.WaitForAssertion(() => Assert.Equal(
            ["Hostages killed, in all, over time", "Hostages killed, foreign nationals, over time", "Hostages freed, foreign nationals, over time", "Hostages freed, local (Algeria), over time"],
            wall.FindAll(".wall-charts svg").Select(svg => svg.GetAttribute("aria-label"))), Loaded);
        Assert.Empty(wall.FindAll(".wall-tallies"));
        Assert.Empty(wall.FindAll(".headline-chart-table")); // the table names sources: not on the wall
        Assert.Contains("government (graded", wall.Markup, StringComparison.Ordinal); // a source by its kind, never its name
        Assert.All(WallSpecs.Names.Append("Algerian interior ministry"), name => Assert.DoesNotContain(name, wall.Markup, StringComparison.OrdinalIgnoreCase));

        clock.Advance(TimeSpan.FromSeconds(5));
        wall.WaitForAssertion(() => Assert.Equal("Map", wall.Find(".wall-root").GetAttribute("data-view")), Loaded);
        Assert.Equal("map-country shade-killed", wall.Find(".wall-map [data-country=GB]").GetAttribute("class"));
        Assert.Contains("United Kingdom: 1 killed", wall.Find(".world-map-countries").TextContent);
        Assert.Empty(wall.FindAll(".wall-map a")); // nothing to click on a wall
    }

}
