using Dashboard.Situation.Live;

namespace Dashboard.Tests.Live;

/// <summary>Which change last altered what is known about a moment: the rule kept answers for past moments rest on.</summary>
public class PastVersionsTests
{
    [Fact]
    public void Nothing_has_altered_any_moment_until_a_change_comes()
    {
        Assert.Equal(0, PastVersions.None.At(100));
    }

    [Fact]
    public void A_change_alters_its_moment_and_every_later_one_but_none_before()
    {
        var versions = PastVersions.None.After(fromTicks: 100, sequence: 1);

        Assert.Equal(0, versions.At(99));
        Assert.Equal(1, versions.At(100));
        Assert.Equal(1, versions.At(long.MaxValue));
    }

    [Fact]
    public void A_later_dated_change_leaves_earlier_moments_at_their_version()
    {
        var versions = PastVersions.None.After(100, 1).After(200, 2).After(300, 3);

        Assert.Equal([0, 1, 1, 2, 3], new long[] { 50, 100, 150, 250, 300 }.Select(versions.At));
    }

    [Fact]
    public void An_earlier_dated_change_moves_every_moment_from_it_on_to_its_own_version()
    {
        var versions = PastVersions.None.After(100, 1).After(200, 2).After(300, 3).After(150, 4);

        Assert.Equal([0, 1, 4, 4, 4], new long[] { 50, 120, 150, 250, 400 }.Select(versions.At));
    }

    [Fact]
    public void A_change_to_everything_moves_every_moment()
    {
        var versions = PastVersions.None.After(100, 1).After(200, 2).After(long.MinValue, 3);

        Assert.Equal([3, 3, 3], new long[] { long.MinValue, 150, 250 }.Select(versions.At));
    }
}
