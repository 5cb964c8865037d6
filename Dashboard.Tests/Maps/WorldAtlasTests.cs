using Dashboard.Maps;

namespace Dashboard.Tests.Maps;

/// <summary>The world's shapes as the build embeds them and the app projects them once.</summary>
public class WorldAtlasTests
{
    private static readonly WorldAtlas World = WorldAtlas.World;

    [Theory]
    [InlineData("GB", "United Kingdom")]
    [InlineData("DZ", "Algeria")]
    [InlineData("JP", "Japan")]
    [InlineData("US", "United States of America")]
    public void A_country_is_found_by_its_alpha_2_code_with_an_outline(string code, string name)
    {
        var shape = World.Find(code)!;

        Assert.Equal(name, shape.Name);
        Assert.StartsWith("M", shape.Path);
        Assert.EndsWith("Z", shape.Path);
    }

    [Fact]
    public void The_in_amenas_gas_plant_falls_inside_algeria_and_east_of_the_united_kingdom()
    {
        var plant = MapProjection.Project(9.129, 27.899);
        var algeria = World.Find("DZ")!.Rings.SelectMany(r => r).ToArray();
        var britain = World.Find("GB")!.Centre;

        Assert.InRange(plant.X, algeria.Min(p => p.X), algeria.Max(p => p.X));
        Assert.InRange(plant.Y, algeria.Min(p => p.Y), algeria.Max(p => p.Y));
        Assert.True(plant.X > britain.X && plant.Y > britain.Y); // further east, further south: north is up
    }

    [Theory]
    [InlineData("RU")]
    [InlineData("FJ")]
    public void A_country_across_the_date_line_is_drawn_in_pieces_not_as_a_band_across_the_world(string code)
    {
        var width = World.Bounds.Width;

        Assert.All(World.Find(code)!.Rings, ring => Assert.True(ring.Max(p => p.X) - ring.Min(p => p.X) < width / 2,
            $"a ring of {code} spans {ring.Max(p => p.X) - ring.Min(p => p.X):0} of the map's {width:0} units"));
    }

    [Fact]
    public void A_ring_across_the_date_line_is_cut_at_it_into_a_western_and_an_eastern_part()
    {
        MapPoint[] ring = [new(170, 10), new(-170, 10), new(-170, 20), new(170, 20), new(170, 10)];

        var parts = Antimeridian.Split(ring).ToArray();

        Assert.Equal(2, parts.Length);
        Assert.Contains(parts, part => part.All(p => p.X is >= 170 and <= 180));
        Assert.Contains(parts, part => part.All(p => p.X is >= -180 and <= -170));
    }

    [Fact]
    public void Countries_too_small_for_the_scale_are_not_found_and_antarctica_is_left_off()
    {
        Assert.Null(World.Find("SG"));
        Assert.Null(World.Find("AQ"));
    }
}
