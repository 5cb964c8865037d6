using Dashboard.Situation.Live;
using Dashboard.Situation;

namespace Dashboard.Tests.Rules;

/// <summary>The headline rule on one key's history: which figure leads, which stand beside it, and when.</summary>
public class HeadlineRuleTests
{
    private static readonly Source Ministry = new("Interior ministry", SourceKind.Government);
    private static readonly Source Press = new("Press agency", SourceKind.Media);
    private static readonly Source Kidnappers = new("Kidnappers", SourceKind.Perpetrator);
    private long _sequence;

    private ReportedFigure Said(Source source, string at, int count, Qualifier qualifier = Qualifier.Exact) => new(
        new Figure(FigureGroup.Hostages, FigureStatus.Killed, Scopes.All, null, count, qualifier),
        source, DateTimeOffset.Parse(at), $"{source.Name} says {count}", $"r{++_sequence}", _sequence);

    // Figures are added in the order given, which is the order they were stored in, whatever their reported time.
    private static KeyHistory Ordered(params ReportedFigure[] figures)
    {
        var history = new KeyHistory(figures[0].Figure.Key);
        foreach (var figure in figures)
            history = history.Add(figure);
        return history;
    }

    private static Tally? At(KeyHistory history, string asOf) => history.TallyAt(DateTimeOffset.Parse(asOf).UtcTicks);

    [Fact]
    public void A_later_figure_supersedes_an_earlier_one_which_stays_as_an_alternative()
    {
        var history = Ordered(
            Said(Press, "2013-01-18T18:00:00+01:00", 12, Qualifier.Provisional),
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23));

        var tally = At(history, "2013-01-20T00:00:00+01:00")!;

        Assert.Equal(23, tally.Count);
        Assert.Equal(Ministry, tally.Source);
        var alternative = Assert.Single(tally.Alternatives);
        Assert.Equal((12, Qualifier.Provisional, Press), (alternative.Count, alternative.Qualifier, alternative.Source));
    }

    [Fact]
    public void A_later_claim_does_not_displace_the_headline_but_stands_beside_it()
    {
        var history = Ordered(
            Said(Press, "2013-01-18T18:00:00+01:00", 12, Qualifier.Provisional),
            Said(Kidnappers, "2013-01-18T18:30:00+01:00", 35, Qualifier.Claimed));

        var tally = At(history, "2013-01-18T23:59:00+01:00")!;

        Assert.Equal(12, tally.Count);
        Assert.Equal(Qualifier.Provisional, tally.Qualifier);
        Assert.Contains(tally.Alternatives, a => a.Count == 35 && a.Qualifier == Qualifier.Claimed && a.Source == Kidnappers);
    }

    [Fact]
    public void When_only_claims_exist_the_latest_claim_is_the_headline_marked_as_a_claim()
    {
        var history = Ordered(
            Said(Kidnappers, "2013-01-16T20:00:00+01:00", 30, Qualifier.Claimed),
            Said(Kidnappers, "2013-01-18T18:30:00+01:00", 35, Qualifier.Claimed));

        var tally = At(history, "2013-01-19T00:00:00+01:00")!;

        Assert.Equal(35, tally.Count);
        Assert.True(tally.IsClaim);
        Assert.Equal(30, Assert.Single(tally.Alternatives).Count);
    }

    [Fact]
    public void A_figure_agreeing_with_the_headline_is_not_an_alternative_and_a_source_repeating_itself_counts_once()
    {
        var history = Ordered(
            Said(Press, "2013-01-17T10:00:00+01:00", 9),
            Said(Press, "2013-01-17T11:00:00+01:00", 9),
            Said(Press, "2013-01-17T12:00:00+01:00", 23),
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23));

        var tally = At(history, "2013-01-20T00:00:00+01:00")!;

        Assert.Equal(Ministry, tally.Source);
        var alternative = Assert.Single(tally.Alternatives);
        Assert.Equal(9, alternative.Count);
        Assert.Equal(DateTimeOffset.Parse("2013-01-17T11:00:00+01:00"), alternative.ReportedAt);
    }

    [Fact]
    public void A_figure_counts_from_the_instant_it_was_reported_and_not_a_tick_before()
    {
        var history = Ordered(
            Said(Press, "2013-01-18T18:00:00+01:00", 12),
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23));

        Assert.Null(At(history, "2013-01-18T17:59:59.9999999+01:00"));
        Assert.Equal(12, At(history, "2013-01-18T18:00:00+01:00")!.Count);
        Assert.Equal(12, At(history, "2013-01-19T19:59:59.9999999+01:00")!.Count);
        Assert.Equal(23, At(history, "2013-01-19T20:00:00+01:00")!.Count);
    }

    [Fact]
    public void Moments_are_compared_as_instants_whatever_offset_they_were_written_in()
    {
        // 00:30 on the 19th at +02:00 is 22:30Z on the 18th: earlier than 23:00Z, though its local date is later.
        var history = Ordered(
            Said(Ministry, "2013-01-19T00:30:00+02:00", 20),
            Said(Press, "2013-01-18T23:00:00Z", 21));

        Assert.Equal(21, At(history, "2013-01-19T00:00:00+01:00")!.Count);
        Assert.Equal(20, At(history, "2013-01-18T22:45:00Z")!.Count);
        Assert.Equal(20, At(history, "2013-01-19T00:45:00+02:00")!.Count);
    }

    [Fact]
    public void Two_figures_reported_at_the_same_instant_are_decided_by_the_order_they_were_stored()
    {
        var history = Ordered(
            Said(Press, "2013-01-18T18:00:00+01:00", 12),
            Said(Ministry, "2013-01-18T17:00:00Z", 14));

        Assert.Equal(14, At(history, "2013-01-18T18:00:00+01:00")!.Count);
    }

    [Fact]
    public void A_figure_filed_late_takes_its_place_in_time_not_in_arrival_order()
    {
        var history = Ordered(
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23),
            Said(Press, "2013-01-18T18:00:00+01:00", 12, Qualifier.Provisional));

        Assert.Equal(23, At(history, "2013-01-20T00:00:00+01:00")!.Count);
        Assert.Equal(12, At(history, "2013-01-19T00:00:00+01:00")!.Count);
    }

    [Fact]
    public void Alternatives_only_include_what_was_known_at_the_moment()
    {
        var history = Ordered(
            Said(Press, "2013-01-18T18:00:00+01:00", 12, Qualifier.Provisional),
            Said(Kidnappers, "2013-01-18T18:30:00+01:00", 35, Qualifier.Claimed),
            Said(Ministry, "2013-01-19T20:00:00+01:00", 23));

        Assert.Empty(At(history, "2013-01-18T18:10:00+01:00")!.Alternatives);
        Assert.Equal([35], At(history, "2013-01-18T19:00:00+01:00")!.Alternatives.Select(a => a.Count));
        Assert.Equal([35, 12], At(history, "2013-01-19T21:00:00+01:00")!.Alternatives.Select(a => a.Count));
    }

    [Fact]
    public void A_retracted_figure_counts_until_its_retraction_and_then_gives_way()
    {
        var ministry = Said(Ministry, "2013-01-19T20:00:00+01:00", 23);
        var history = Ordered(
            Said(Press, "2013-01-18T18:00:00+01:00", 12, Qualifier.Provisional),
            Said(Kidnappers, "2013-01-18T18:30:00+01:00", 35, Qualifier.Claimed),
            ministry);
        history = history.Retract(ministry, DateTimeOffset.Parse("2013-01-20T09:00:00+01:00").UtcTicks);

        Assert.Equal(23, At(history, "2013-01-20T08:59:00+01:00")!.Count);
        var after = At(history, "2013-01-20T09:00:00+01:00")!;
        Assert.Equal(12, after.Count);
        Assert.Equal([35], after.Alternatives.Select(a => a.Count));
    }

    [Fact]
    public void When_every_confirmed_figure_is_retracted_the_claim_is_left_as_the_headline()
    {
        var press = Said(Press, "2013-01-18T18:00:00+01:00", 12);
        var history = Ordered(press, Said(Kidnappers, "2013-01-18T18:30:00+01:00", 35, Qualifier.Claimed));
        history = history.Retract(press, DateTimeOffset.Parse("2013-01-19T00:00:00+01:00").UtcTicks);

        var tally = At(history, "2013-01-19T12:00:00+01:00")!;

        Assert.Equal((35, true), (tally.Count, tally.IsClaim));
        Assert.Empty(tally.Alternatives);
    }

    [Fact]
    public void Retracting_one_of_two_same_figures_said_at_the_same_instant_leaves_the_other_counting()
    {
        var first = Said(Press, "2013-01-19T20:00:00+01:00", 23);
        var second = Said(Press, "2013-01-19T20:00:00+01:00", 23);
        var history = Ordered(Said(Ministry, "2013-01-18T18:00:00+01:00", 12), first, second);

        history = history.Retract(second, DateTimeOffset.Parse("2013-01-20T09:00:00+01:00").UtcTicks);

        var after = At(history, "2013-01-20T10:00:00+01:00")!;
        Assert.Equal((23, first.ReportId), (after.Count, after.ReportId));
        Assert.Same(history, history.Retract(second, DateTimeOffset.Parse("2013-01-21T09:00:00+01:00").UtcTicks));
    }
}
