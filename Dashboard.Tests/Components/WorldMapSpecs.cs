using Bunit;
using Dashboard.Components.Maps;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The world map as a person sees it: who was caught up in an incident, shaded by what happened to them, and where.</summary>
[Collection(SharedAppCollection.Name)]
public class WorldMapSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private static CountryBreakdown Row(string code, string name, params (FigureStatus Status, int Count, Qualifier Qualifier)[] figures) => new(code, name,
        figures.ToDictionary(f => Vocabulary.WireName(f.Status), f => f.Count), figures.ToDictionary(f => Vocabulary.WireName(f.Status), f => f.Qualifier));

    private static readonly Incident Plant = new(1, "plant", "Gas plant siege", "DZ", "Africa/Algiers", DateTimeOffset.Parse("2013-01-16T05:30:00+01:00"), "The gas plant")
    {
        Latitude = 27.899, Longitude = 9.129,
    };

    [Fact]
    public void Each_nationality_takes_the_shade_of_its_gravest_reported_outcome_and_one_with_only_claims_is_hatched()
    {
        var map = Render<WorldMap>(p => p.Add(m => m.Incident, Plant).Add(m => m.Rows,
        [
            Row("GB", "United Kingdom", (FigureStatus.Killed, 1, Qualifier.Exact), (FigureStatus.Freed, 2, Qualifier.AtLeast)),
            Row("JP", "Japan", (FigureStatus.Missing, 10, Qualifier.Exact), (FigureStatus.Held, 1, Qualifier.Claimed)),
            Row("BE", "Belgium", (FigureStatus.Held, 3, Qualifier.Claimed)),
            Row("NO", "Norway", (FigureStatus.Freed, 1, Qualifier.AtLeast)),
        ]));

        string ClassOf(string code) => map.Find($"[data-country={code}]").GetAttribute("class")!;
        Assert.Equal("map-country shade-killed", ClassOf("GB"));
        Assert.Equal("map-country shade-missing", ClassOf("JP")); // a claim of hostages held does not outrank a reported figure
        Assert.Equal("map-country shade-held map-claimed", ClassOf("BE"));
        Assert.Equal("fill: url(#map-hatch-held)", map.Find("[data-country=BE] path").GetAttribute("style"));
        Assert.Equal("map-country shade-freed", ClassOf("NO"));
        Assert.Equal("United Kingdom: 1 killed, at least 2 freed", map.Find("[data-country=GB] title").TextContent);
        Assert.Equal("Japan: 10 missing, 1 (claimed) still held", map.Find("[data-country=JP] title").TextContent);
        Assert.Equal(4, map.FindAll(".map-country path").Count);
    }

    [Fact]
    public void The_site_is_a_marker_at_its_coordinates_and_a_country_too_small_to_draw_is_named_below_the_map()
    {
        var map = Render<WorldMap>(p => p.Add(m => m.Incident, Plant).Add(m => m.Rows, [Row("SG", "Singapore", (FigureStatus.Killed, 1, Qualifier.Exact))]));

        var site = Dashboard.Maps.MapProjection.Project(9.129, 27.899);
        var marker = map.Find(".map-site circle");
        Assert.Equal(MapLayout.Num(site.X), marker.GetAttribute("cx"));
        Assert.Equal(MapLayout.Num(site.Y), marker.GetAttribute("cy"));
        Assert.Equal("The site: The gas plant, 27.90° N, 9.13° E", map.Find(".map-site title").TextContent);
        Assert.Empty(map.FindAll(".map-country"));
        Assert.Contains("Too small to draw at this scale: Singapore: 1 killed.", map.Find("figcaption").TextContent);
        Assert.Contains("Singapore: 1 killed", map.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void Events_with_a_place_are_marked_there_once_each_place_listing_its_events_in_time_order()
    {
        var plant = new Place("Tigantourine gas plant", 27.899, 9.129);
        TimelineEntry Event(string at, string title, Place? place) =>
            new(DateTimeOffset.Parse(at), title, null, [], Dashboard.Tests.Infrastructure.Reports.Press, "r") { Place = place };

        var map = Render<WorldMap>(p => p.Add(m => m.Incident, Plant).Add(m => m.Rows, []).Add(m => m.Events,
        [
            Event("2013-01-17T12:00:00+01:00", "Assault", plant),
            Event("2013-01-16T05:30:00+01:00", "Dawn raid", plant),
            Event("2013-01-17T20:00:00+01:00", "Demand in Nouakchott", null),
        ]));

        var place = Assert.Single(map.FindAll(".map-place"));
        Assert.Equal("Tigantourine gas plant: Wed 16 Jan, 05:30 Dawn raid; Thu 17 Jan, 12:00 Assault", place.QuerySelector("title")!.TextContent);
        Assert.Contains("where events happened", map.Find("figcaption").TextContent);
    }

    [Fact]
    public void Without_coordinates_there_is_no_site_marker_and_as_a_picture_no_country_is_a_link()
    {
        var map = Render<WorldMap>(p => p.Add(m => m.Incident, Plant with { Latitude = null, Longitude = null })
            .Add(m => m.Rows, [Row("GB", "United Kingdom", (FigureStatus.Killed, 1, Qualifier.Exact))]));

        Assert.Empty(map.FindAll(".map-site"));
        Assert.Empty(map.FindAll("a"));
        Assert.Equal("g", map.Find("[data-country=GB]").TagName.ToLowerInvariant());
    }

    [Fact]
    public void On_the_situation_page_a_click_on_the_united_kingdom_filters_the_page_to_it()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderAt<SituationPage>("/incidents/in-amenas", p => p.Add(x => x.Slug, "in-amenas"));

        var britain = page.Find(".world-map a[data-country=GB]");
        Assert.EndsWith("/incidents/in-amenas?country=GB", britain.GetAttribute("href"));
        Assert.Contains("United Kingdom: 1 killed", britain.GetAttribute("aria-label"));

        // Following the link, as the browser does on a click, is the filter's own address: the page shows only GB.
        navigation.NavigateTo(britain.GetAttribute("href")!);
        page.WaitForAssertion(() => Assert.Equal(["GB"], page.FindAll(".world-map .map-country").Select(c => c.GetAttribute("data-country"))), Loaded);
        Assert.All(page.FindAll(".country-grid tbody th"), row => Assert.Contains("United Kingdom", row.TextContent));
    }
}
