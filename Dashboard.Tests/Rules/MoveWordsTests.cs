using Dashboard.Situation;

namespace Dashboard.Tests.Rules;

/// <summary>How a headline's move reads: every qualifier kept, a claim's end read as the first confirmed figure, and a
/// figure withdrawn and given again told as one correction.</summary>
public class MoveWordsTests
{
    private static readonly FigureKey Norway = new(FigureGroup.Hostages, FigureStatus.Killed, "NO", null);
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2013-01-21T06:06:00+01:00");

    private static MoveWords.Side Said(int count, Qualifier qualifier = Qualifier.Exact) => new(count, qualifier, qualifier == Qualifier.Claimed, false);

    [Fact]
    public void A_qualifier_is_never_dropped_on_either_side()
    {
        Assert.Equal("23 → at least 40", MoveWords.Move(Said(23), Said(40, Qualifier.AtLeast)));
        Assert.Equal("about 30 → 12 (provisional)", MoveWords.Move(Said(30, Qualifier.Approximate), Said(12, Qualifier.Provisional)));
        Assert.Equal("new → 5", MoveWords.Move(null, Said(5)));
    }

    [Fact]
    public void A_move_out_of_the_perpetrators_claim_reads_as_the_first_confirmed_figure_not_a_rise()
    {
        var claim = new MoveWords.Side(35, Qualifier.Claimed, IsClaim: true, ByPerpetrators: true);

        Assert.Equal("first confirmed figure 37 (the perpetrators had claimed 35)", MoveWords.Move(claim, Said(37)));
        Assert.Equal("35 (claimed) → 40 (claimed)", MoveWords.Move(claim, claim with { Count = 40 }));
    }

    [Fact]
    public void A_figure_withdrawn_and_given_again_in_the_window_is_one_correction_saying_what_stands_now()
    {
        HeadlineMove[] newestFirst =
        [
            new(At.AddMinutes(2), Norway, null, Said(5), "Oslo", false, null),
            new(At, Norway, Said(5), null, null, true, "Counted twice"),
        ];

        var folded = Assert.Single(MoveWords.Folded(newestFirst));

        Assert.Equal("CORRECTION: Norway 5 withdrawn — Counted twice (given again: 5)", MoveWords.Correction("Norway", folded.From, folded.To, folded.Reason!));
        Assert.Equal(At.AddMinutes(2), folded.At);
    }

    [Fact]
    public void Moves_of_other_keys_and_moves_before_a_correction_stay_as_they_were()
    {
        var japan = Norway with { Scope = "JP" };
        HeadlineMove[] newestFirst =
        [
            new(At.AddMinutes(3), japan, Said(10), Said(3), "Tokyo", false, null),
            new(At.AddMinutes(2), Norway, Said(5), null, null, true, "Counted twice"),
            new(At, Norway, null, Said(5), "Oslo", false, null),
        ];

        Assert.Equal(newestFirst, MoveWords.Folded(newestFirst));
    }
}
