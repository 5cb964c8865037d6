using Dashboard.Situation;

namespace Dashboard.Tests.Rules;

/// <summary>The vocabulary is described once, completely, and its reading order never ties.</summary>
public class TermsTests
{
    [Fact]
    public void Every_status_group_and_qualifier_has_exactly_one_description_in_its_own_place()
    {
        Assert.Equal(Enum.GetValues<FigureStatus>(), Terms.Statuses.Select(t => t.Status));
        Assert.Equal(Enum.GetValues<FigureGroup>(), Terms.Groups.Select(t => t.Group));
        Assert.Equal(Enum.GetValues<Qualifier>(), Terms.Qualifiers.Select(t => t.Qualifier));
        Assert.All(Enum.GetValues<FigureStatus>(), s => Assert.Equal(s, Terms.Of(s).Status));
    }

    [Fact]
    public void Every_group_and_status_pair_has_its_own_place_in_reading_order_with_the_crisis_rooms_headlines_first()
    {
        var pairs = Enum.GetValues<FigureGroup>().SelectMany(g => Enum.GetValues<FigureStatus>().Select(s => (g, s))).ToArray();
        var ranks = pairs.Select(p => Terms.ReadingRank(p.g, p.s)).ToArray();

        Assert.Equal(pairs.Length, ranks.Distinct().Count());
        Assert.Equal(0, Terms.ReadingRank(FigureGroup.Hostages, FigureStatus.Killed));
        Assert.True(Terms.ReadingRank(FigureGroup.Security, FigureStatus.Killed) < Terms.ReadingRank(FigureGroup.Hostages, FigureStatus.Injured));
        Assert.True(Terms.ReadingRank(FigureGroup.Hostages, FigureStatus.Total) < Terms.ReadingRank(FigureGroup.Militants, FigureStatus.Freed));
    }

    [Fact]
    public void The_tables_show_the_statuses_their_readers_need()
    {
        Assert.Equal([FigureStatus.Killed, FigureStatus.Injured, FigureStatus.Missing, FigureStatus.DeadOrMissing, FigureStatus.Freed, FigureStatus.Held],
            Terms.ShownIn(StatusTables.PageCountries));
        Assert.DoesNotContain(FigureStatus.Injured, Terms.ShownIn(StatusTables.WallCountries));
        Assert.DoesNotContain(FigureStatus.Total, Terms.ShownIn(StatusTables.IncidentList));
        Assert.Equal("Security forces still held", Terms.Heading(FigureGroup.Security, FigureStatus.Held));
        Assert.Equal("held", Terms.Of(FigureStatus.Held).ColumnTitle);
    }

    [Fact]
    public void Contradictions_beyond_the_room_are_counted_not_listed()
    {
        HeadlineConflict Says(string words) => new(new FigureKey(FigureGroup.Hostages, FigureStatus.Killed, "GB", null), () => words);
        HeadlineConflict[] three = [Says("Fewer than the figure for Brazil: 40"), Says("Fewer than the figure for Chad: 39"), Says("Fewer than the figure for Cuba: 38")];

        Assert.Equal("Contradicts: Fewer than the figure for Brazil: 40 · and 2 more", Terms.ConflictWords(three, most: 1));
        Assert.Equal(Terms.ConflictWords(three), Terms.ConflictWords(three, most: 3));
    }
}
