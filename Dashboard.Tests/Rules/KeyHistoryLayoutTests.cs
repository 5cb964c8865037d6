using Dashboard.Situation.Live;
using Dashboard.Situation;

namespace Dashboard.Tests.Rules;

/// <summary>
/// A key's history answers a moment from flat arrays, not from the figures: checked against the headline rule applied
/// plainly to every figure, over made-up histories with late filings, equal instants, claims, perpetrators, sources
/// whose name changes case or whose kind changes, and retractions.
/// </summary>
public class KeyHistoryLayoutTests
{
    private static readonly FigureKey Killed = new(FigureGroup.Hostages, FigureStatus.Killed, Scopes.All, null);
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2013-01-16T05:00:00+01:00");

    private static readonly Source[] Sources =
    [
        new("Interior ministry", SourceKind.Government), new("interior MINISTRY", SourceKind.Government),
        new("Press agency", SourceKind.Media), new("Press agency", SourceKind.Other),
        new("Kidnappers", SourceKind.Perpetrator), new("Kidnappers", SourceKind.Media),
    ];

    // The rule as its documentation says it, over all figures: each source's latest saying that counts, the latest
    // non-claim (else the latest claim) the headline, every other count beside it, newest first, by its relation.
    private static (string ReportId, int Count, (string ReportId, AlternativeRelation Relation)[] Alternatives)? Plainly(IReadOnlyList<ReportedFigure> figures, long asOf)
    {
        var candidates = figures
            .Where(f => f.CountsAt(asOf))
            .GroupBy(f => (f.Source.Name, f.Figure.Count, f.Figure.Qualifier))
            .Select(g => g.Aggregate((a, b) => HeadlineRule.Compare(a, b) >= 0 ? a : b))
            .ToList();
        if (HeadlineRule.PickHeadline(candidates) is not { } headline)
            return null;
        var alternatives = candidates.Where(c => c.Figure.Count != headline.Figure.Count)
            .OrderByDescending(c => c.Ticks).ThenByDescending(c => c.Sequence)
            .Select(c => (c.ReportId, AlternativeRelations.Of(c, headline)))
            .ToArray();
        return (headline.ReportId, headline.Figure.Count, alternatives);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_moment_of_a_made_up_history_reads_as_the_rule_applied_to_every_figure(int seed)
    {
        var random = new Random(seed);
        var figures = new List<ReportedFigure>();
        var history = new KeyHistory(Killed);
        for (var sequence = 1; sequence <= 300; sequence++)
        {
            // Mostly in time order, some filed late, some at the same instant as the one before.
            var minutes = random.Next(10) == 0 ? random.Next(0, sequence * 10) : sequence * 10 - random.Next(2) * 10;
            var qualifier = random.Next(5) switch { 0 => Qualifier.Claimed, 1 => Qualifier.AtLeast, 2 => Qualifier.Approximate, _ => Qualifier.Exact };
            var figure = new ReportedFigure(new Figure(Killed.Group, Killed.Status, Killed.Scope, null, random.Next(20, 26), qualifier),
                Sources[random.Next(Sources.Length)], Start.AddMinutes(minutes), "Said.", $"r{sequence}", sequence);
            figures.Add(figure);
            history = history.Add(figure);
            if (random.Next(15) == 0)
            {
                // A retraction takes one figure back from a moment on.
                var retracted = figures[random.Next(figures.Count)];
                if (retracted.RetractedFromTicks == long.MaxValue)
                {
                    var at = retracted.Ticks + TimeSpan.FromMinutes(random.Next(1, 600)).Ticks;
                    history = history.Retract(retracted, at);
                    figures[figures.IndexOf(retracted)] = retracted with { RetractedFromTicks = at };
                }
            }

            if (sequence % 25 == 0)
                for (var probe = 0; probe < 40; probe++)
                {
                    var asOf = Start.AddMinutes(random.Next(-10, sequence * 10 + 700)).UtcTicks;
                    var tally = history.TallyAt(asOf);
                    var expected = Plainly(figures, asOf);
                    Assert.Equal(expected is null, tally is null);
                    if (tally is null)
                        continue;
                    Assert.Equal((expected!.Value.ReportId, expected.Value.Count), (tally.ReportId, tally.Count));
                    Assert.Equal(expected.Value.Alternatives, tally.Alternatives.Select(a => (a.ReportId, a.Relation)).ToArray());
                }
        }
    }
}
