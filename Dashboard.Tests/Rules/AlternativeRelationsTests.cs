using Dashboard.Situation;

namespace Dashboard.Tests.Rules;

/// <summary>What "the other figures" are, said precisely: earlier counts, claims, or a dispute an analyst must look at.</summary>
public class AlternativeRelationsTests
{
    private static readonly Source Ministry = new("Interior ministry", SourceKind.Government);
    private static readonly Source Press = new("Press agency", SourceKind.Media);
    private static readonly Source Kidnappers = new("Kidnappers", SourceKind.Perpetrator);

    private static ReportedFigure Said(Source source, string at, int count, Qualifier qualifier = Qualifier.Exact) =>
        new(new Figure(FigureGroup.Hostages, FigureStatus.Killed, Scopes.All, null, count, qualifier), source, DateTimeOffset.Parse(at), "", $"r-{count}", 0);

    private static readonly ReportedFigure Headline = Said(Ministry, "2013-01-19T20:00:00+01:00", 23);

    [Fact]
    public void A_count_from_a_day_before_is_an_earlier_figure_whoever_gave_it() =>
        Assert.Equal(AlternativeRelation.Earlier, AlternativeRelations.Of(Said(Press, "2013-01-18T18:00:00+01:00", 12, Qualifier.Provisional), Headline));

    [Fact]
    public void The_same_source_an_hour_before_is_an_earlier_figure_of_its_own_not_a_dispute() =>
        Assert.Equal(AlternativeRelation.Earlier, AlternativeRelations.Of(Said(Ministry, "2013-01-19T19:00:00+01:00", 21), Headline));

    [Fact]
    public void Another_source_within_the_window_disputes_the_headline()
    {
        Assert.Equal(AlternativeRelation.Disputed, AlternativeRelations.Of(Said(Press, "2013-01-19T20:00:00+01:00", 25), Headline));
        Assert.Equal(AlternativeRelation.Disputed, AlternativeRelations.Of(Said(Press, "2013-01-19T17:00:00+01:00", 25), Headline));
        Assert.Equal(AlternativeRelation.Earlier, AlternativeRelations.Of(Said(Press, "2013-01-19T16:59:00+01:00", 25), Headline));
    }

    [Fact]
    public void A_figure_reported_after_the_headline_disputes_it() =>
        Assert.Equal(AlternativeRelation.Disputed, AlternativeRelations.Of(Said(Press, "2013-01-20T09:00:00+01:00", 30, Qualifier.Approximate),
            Said(Press, "2013-01-20T08:00:00+01:00", 29) with { }));

    [Fact]
    public void The_perpetrators_word_or_a_figure_marked_claimed_is_a_claim_whenever_it_came()
    {
        Assert.Equal(AlternativeRelation.Claim, AlternativeRelations.Of(Said(Kidnappers, "2013-01-19T20:00:00+01:00", 35), Headline));
        Assert.Equal(AlternativeRelation.Claim, AlternativeRelations.Of(Said(Press, "2013-01-16T15:00:00+01:00", 7, Qualifier.Claimed), Headline));
    }

    [Fact]
    public void A_card_says_what_matters_first_and_the_wall_only_what_contradicts()
    {
        AlternativeFigure Alt(AlternativeRelation relation) => new(1, Qualifier.Exact, Press, DateTimeOffset.UnixEpoch, "", "r") { Relation = relation };
        IReadOnlyList<AlternativeFigure> mixed = [Alt(AlternativeRelation.Earlier), Alt(AlternativeRelation.Claim), Alt(AlternativeRelation.Earlier)];

        Assert.Equal("1 claim disputes this · 2 earlier figures", AlternativeRelations.Summary(mixed));
        Assert.Equal("1 claim disputes this", AlternativeRelations.Summary(mixed, disputesOnly: true));
        Assert.Equal("", AlternativeRelations.Summary([Alt(AlternativeRelation.Earlier)], disputesOnly: true));
        Assert.Equal("2 figures dispute this", AlternativeRelations.Summary([Alt(AlternativeRelation.Disputed), Alt(AlternativeRelation.Disputed)]));
    }
}
