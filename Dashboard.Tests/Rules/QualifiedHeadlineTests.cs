using Dashboard.Situation.Live;
using CsCheck;
using Dashboard.Situation;

namespace Dashboard.Tests.Rules;

/// <summary>
/// The headline rule weighs what a figure says, not only when it came: a lower bound is true beside any count at or
/// above it, an estimate stands until a later count, and a claim leads only when nothing else is known.
/// </summary>
public class QualifiedHeadlineTests
{
    private static readonly Source Ministry = new("Algerian interior ministry", SourceKind.Government);
    private static readonly Source Oslo = new("Norwegian foreign ministry", SourceKind.Government);
    private static readonly Source Press = new("Press agency", SourceKind.Media);
    private static readonly Source Kidnappers = new("Kidnappers", SourceKind.Perpetrator);
    private long _sequence;

    private ReportedFigure Said(Source source, string at, int count, Qualifier qualifier = Qualifier.Exact) => new(
        new Figure(FigureGroup.Hostages, FigureStatus.Killed, Scopes.All, null, count, qualifier),
        source, DateTimeOffset.Parse(at), $"{source.Name} says {count}", $"r{++_sequence}", _sequence);

    private static Tally Headline(params ReportedFigure[] figures)
    {
        var history = new KeyHistory(figures[0].Figure.Key);
        foreach (var figure in figures)
            history = history.Add(figure);
        return history.TallyAt(DateTimeOffset.Parse("2013-02-01T00:00:00Z").UtcTicks)!;
    }

    [Fact]
    public void A_later_lower_bound_below_the_standing_count_does_not_displace_it_and_stands_beside_it()
    {
        var tally = Headline(
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23),
            Said(Oslo, "2013-01-21T10:00:00+01:00", 4, Qualifier.AtLeast));

        Assert.Equal((23, Qualifier.Exact, Ministry), (tally.Count, tally.Qualifier, tally.Source));
        var bound = Assert.Single(tally.Alternatives);
        Assert.Equal((4, Qualifier.AtLeast), (bound.Count, bound.Qualifier));
    }

    [Fact]
    public void A_later_lower_bound_equal_to_the_standing_count_does_not_displace_it()
    {
        var tally = Headline(
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23),
            Said(Oslo, "2013-01-21T10:00:00+01:00", 23, Qualifier.AtLeast));

        Assert.Equal((23, Qualifier.Exact), (tally.Count, tally.Qualifier));
    }

    [Fact]
    public void A_later_lower_bound_above_every_count_leads_as_at_least()
    {
        var tally = Headline(
            Said(Press, "2013-01-18T18:00:00+01:00", 12, Qualifier.Provisional),
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23),
            Said(Oslo, "2013-01-21T10:00:00+01:00", 37, Qualifier.AtLeast));

        Assert.Equal((37, Qualifier.AtLeast, Oslo), (tally.Count, tally.Qualifier, tally.Source));
        Assert.Equal([23, 12], tally.Alternatives.Select(a => a.Count));
    }

    [Fact]
    public void Of_several_lower_bounds_since_the_count_the_highest_leads_whichever_came_last()
    {
        var tally = Headline(
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23),
            Said(Oslo, "2013-01-20T10:00:00+01:00", 30, Qualifier.AtLeast),
            Said(Press, "2013-01-21T10:00:00+01:00", 25, Qualifier.AtLeast));

        Assert.Equal((30, Qualifier.AtLeast, Oslo), (tally.Count, tally.Qualifier, tally.Source));
    }

    [Fact]
    public void A_count_reported_after_a_lower_bound_stands_again_and_the_bound_stays_beside_it()
    {
        var tally = Headline(
            Said(Oslo, "2013-01-20T10:00:00+01:00", 30, Qualifier.AtLeast),
            Said(Ministry, "2013-01-21T20:00:00+01:00", 28));

        Assert.Equal((28, Qualifier.Exact, Ministry), (tally.Count, tally.Qualifier, tally.Source));
        Assert.Equal((30, Qualifier.AtLeast), (tally.Alternatives[0].Count, tally.Alternatives[0].Qualifier));
    }

    [Fact]
    public void A_lower_bound_and_a_count_at_the_same_instant_lead_by_what_they_say_not_the_order_they_were_stored()
    {
        Assert.Equal(23, Headline(Said(Ministry, "2013-01-19T20:00:00+01:00", 23), Said(Oslo, "2013-01-19T20:00:00+01:00", 4, Qualifier.AtLeast)).Count);
        Assert.Equal(23, Headline(Said(Oslo, "2013-01-19T20:00:00+01:00", 4, Qualifier.AtLeast), Said(Ministry, "2013-01-19T20:00:00+01:00", 23)).Count);
        Assert.Equal(30, Headline(Said(Oslo, "2013-01-19T20:00:00+01:00", 30, Qualifier.AtLeast), Said(Ministry, "2013-01-19T20:00:00+01:00", 23)).Count);
    }

    [Fact]
    public void With_no_count_the_highest_lower_bound_leads()
    {
        var tally = Headline(
            Said(Oslo, "2013-01-20T10:00:00+01:00", 6, Qualifier.AtLeast),
            Said(Press, "2013-01-21T10:00:00+01:00", 4, Qualifier.AtLeast));

        Assert.Equal((6, Qualifier.AtLeast), (tally.Count, tally.Qualifier));
    }

    [Fact]
    public void A_lower_bound_leads_over_a_claim_which_stands_beside_it()
    {
        var tally = Headline(
            Said(Kidnappers, "2013-01-18T18:30:00+01:00", 35, Qualifier.Claimed),
            Said(Oslo, "2013-01-18T17:00:00+01:00", 4, Qualifier.AtLeast));

        Assert.Equal((4, Qualifier.AtLeast), (tally.Count, tally.Qualifier));
        Assert.Equal(AlternativeRelation.Claim, Assert.Single(tally.Alternatives).Relation);
    }

    [Fact]
    public void An_estimate_gives_way_to_a_later_count_and_a_later_estimate_to_an_earlier_count_s_successor_only_by_time()
    {
        Assert.Equal((23, Qualifier.Exact), Read(Headline(
            Said(Press, "2013-01-18T18:00:00+01:00", 30, Qualifier.Approximate),
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23))));
        Assert.Equal((30, Qualifier.Approximate), Read(Headline(
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23),
            Said(Press, "2013-01-20T18:00:00+01:00", 30, Qualifier.Approximate))));

        static (int, Qualifier) Read(Tally tally) => (tally.Count, tally.Qualifier);
    }

    [Fact]
    public void A_figure_with_a_range_is_an_estimate_that_a_later_count_supersedes_and_it_carries_its_range()
    {
        var estimate = Said(Press, "2013-01-20T18:00:00+01:00", 38, Qualifier.Approximate) is var said
            ? said with { Figure = said.Figure with { Low = 35, High = 40 } } : null!;

        var alone = Headline(Said(Ministry, "2013-01-19T20:00:00+01:00", 23), estimate);
        var overtaken = Headline(estimate, Said(Ministry, "2013-01-21T20:00:00+01:00", 37));

        Assert.Equal((38, 35, 40), (alone.Count, alone.Low, alone.High));
        Assert.Equal((37, (int?)null), (overtaken.Count, overtaken.Low));
        Assert.Equal((38, 35, 40), (overtaken.Alternatives[0].Count, overtaken.Alternatives[0].Low, overtaken.Alternatives[0].High));
    }

    private static readonly Qualifier[] AnyQualifier = Enum.GetValues<Qualifier>();

    [Fact]
    public void The_headline_never_moves_to_a_lower_bound_at_or_below_a_standing_figure()
    {
        var said = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 200], Gen.Int[1, 40], Gen.Int[0, AnyQualifier.Length - 1]);
        Gen.Select(said.Array[1, 12], Gen.Int[0, 40], Gen.Int[0, 3]).Sample((history, bound, source) =>
        {
            _sequence = 0;
            var sources = new[] { Ministry, Oslo, Press, Kidnappers };
            var figures = history.Select(f => Said(sources[f.Item1], Start.AddMinutes(f.Item2).ToString("O"), f.Item3,
                sources[f.Item1] == Kidnappers ? Qualifier.Claimed : AnyQualifier[f.Item4])).ToList();
            var before = Headline([.. figures]);
            if (before.IsClaim || bound > before.Count)
                return true;
            var after = Headline([.. figures, Said(sources[source] == Kidnappers ? Oslo : sources[source], Start.AddMinutes(300).ToString("O"), bound, Qualifier.AtLeast)]);
            return (after.Count, after.Qualifier) == (before.Count, before.Qualifier);
        }, iter: 2_000);
    }

    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2013-01-16T05:00:00+01:00");
}
