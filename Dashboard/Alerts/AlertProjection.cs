using Dashboard.Situation;
using Dashboard.Situation.Changes;
using Dashboard.Situation.Live;

namespace Dashboard.Alerts;

/// <summary>What one change of the log said that alerts can be about, with the names a withheld reason must not show.</summary>
public sealed record ChangeAlerts(long Sequence, Incident Incident, IReadOnlyList<AlertItem> Items, IReadOnlySet<string> NamedPeople);

/// <summary>
/// One incident's changes, one at a time, as alerts: a picture of its own that takes the log a change at a time, so
/// each change's moves are its own (the screens' pictures take a storm in one step and show 35 → 40, not each step).
/// The moves are the strip's: an alert says exactly what the screens say.
/// </summary>
public sealed class AlertProjection(Incident incident, TimeProvider clock)
{
    // The incident as it was created: its end is one of the changes the log replays.
    private readonly IncidentPicture _picture = new(incident with { EndedAt = null }, clock);

    public Incident Incident => _picture.State.Incident;

    public long Sequence => _picture.State.Sequence;

    /// <summary>Takes in changes that are past (before the alerts' cursor): no alert.</summary>
    public void Pass(IEnumerable<LoggedChange> changes)
    {
        var edit = _picture.Begin(recordMoves: false);
        edit.Apply(changes);
        _picture.Publish(edit);
    }

    /// <summary>Takes in one change and says what it did.</summary>
    public ChangeAlerts Step(LoggedChange change)
    {
        var before = _picture.State;
        _ = before.Moves; // worked out, so that the next state's moves are this change's alone
        var edit = _picture.Begin();
        edit.Apply([change]);
        _picture.Publish(edit);
        var after = _picture.State;

        var items = new List<AlertItem>();
        foreach (var move in after.Live.MovesMade)
        {
            var now = after.Live.Headlines.GetValueOrDefault(move.Key);
            var reliability = now is null ? null : after.Grades.ReliabilityOf(now.Source.Name);
            items.Add(new AlertItem(AlertItem.KindOf(move), move, now is not null && !move.Correction ? now.ReportedAt : move.At, reliability));
        }
        if (before.Incident.EndedAt is null && after.Incident.EndedAt is { } ended)
            items.Add(new AlertItem(AlertChange.Ended, null, ended, null));
        return new ChangeAlerts(change.Sequence, after.Incident, items, after.NamedPeople);
    }
}
