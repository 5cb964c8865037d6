using Dashboard.Situation.Changes;
using Dashboard.Situation.Live;
using System.Diagnostics;
using Dashboard.Situation;

namespace Dashboard.Bench;

/// <summary>
/// The live picture applying retractions (issue 25, finding 5): reports that each bring a figure, a named person and a
/// timeline event, then every one of them retracted, as a catch-up after a storm of corrections or a cold load of a
/// much-corrected incident would apply them. In process, no database: the picture's own cost, which grew with the square
/// of the count while each retraction read the whole register, timeline and key.
/// </summary>
public static class RetractionBenchmark
{
    private static readonly Source Ministry = new("Interior ministry", SourceKind.Government);
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2013-01-16T06:00:00+01:00");

    public static void Run(Results results, IEnumerable<int> counts)
    {
        var incident = new Incident(1, "retractions", "Retractions", "DZ", "Africa/Algiers", Start, null);
        foreach (var count in counts)
        {
            var reports = Enumerable.Range(0, count).Select(i => Report(i)).ToArray();
            var retractions = reports.Select((r, i) => new ReportRetracted(count + 1 + i, r.Id, new Retraction(r.ReportedAt.AddHours(1), "Double-counted.", "bench"))).ToArray();
            var picture = new IncidentPicture(incident, TimeProvider.System);
            var stored = picture.Begin(recordMoves: false);
            stored.Apply([new ReportsStored(1, reports)]);
            picture.Publish(stored);

            var watch = Stopwatch.StartNew();
            var retracting = picture.Begin();
            retracting.Apply(retractions);
            picture.Publish(retracting);
            var elapsed = watch.Elapsed;
            if (picture.State.Snapshot(null).Tallies.Count != 0)
                throw new InvalidOperationException("A figure counted after every report was retracted");
            results.Add("retractions", $"{count:N0} reports (a figure, a person, an event each), every one retracted in one catch-up",
                "time to apply the retractions", elapsed.TotalMilliseconds);
        }
    }

    // Each report its own key (a nationality of its own would run out; an organisation does not), a person and an event.
    private static Report Report(int i)
    {
        var at = Start.AddSeconds(i);
        return new Report($"r{i}", "retractions", at, Ministry, "Said.", null,
            [new Figure(FigureGroup.Hostages, FigureStatus.Killed, Scopes.All, $"Company {i % 500}", 1 + i % 7, Qualifier.Exact)],
            new TimelineEvent(at, $"Event {i}", null, ["GB"]), [new NamedPerson($"Person {i}", "GB", FigureStatus.Missing)], at, i + 1);
    }
}
