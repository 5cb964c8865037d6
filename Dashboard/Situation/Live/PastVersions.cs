using System.Collections.Immutable;

namespace Dashboard.Situation.Live;

/// <summary>
/// For any past moment, the last change that altered what is known about it: a report dated at or before it, a
/// retraction from then or earlier, or a change to everything (a grade, a source merged, the incident's end). Two
/// states that give a moment the same version give it the same view, so an answer for that moment can be kept until
/// its version moves; a report dated now moves no past moment's.
/// </summary>
/// <remarks>
/// Kept as steps: from each step's instant on, the version is its sequence. A change from an instant replaces every
/// step at or after it (its sequence is the newest), so the steps rise in both instant and sequence, and a moment's
/// version is that of the last step at or before it.
/// </remarks>
public sealed class PastVersions
{
    private readonly ImmutableList<Step> _steps;

    private readonly record struct Step(long FromTicks, long Sequence);

    private PastVersions(ImmutableList<Step> steps) => _steps = steps;

    public static PastVersions None { get; } = new([]);

    /// <summary>Every moment from <paramref name="fromTicks"/> on was changed by the change at <paramref name="sequence"/>.</summary>
    public PastVersions After(long fromTicks, long sequence)
    {
        var kept = FirstFrom(fromTicks);
        return new PastVersions(_steps.RemoveRange(kept, _steps.Count - kept).Add(new Step(fromTicks, sequence)));
    }

    /// <summary>The sequence of the last change that altered the view of <paramref name="ticks"/> (UTC); 0 when none has.</summary>
    public long At(long ticks)
    {
        var after = ticks == long.MaxValue ? _steps.Count : FirstFrom(ticks + 1);
        return after == 0 ? 0 : _steps[after - 1].Sequence;
    }

    // Where the first step at or after the instant is: a search, the steps being in time order.
    private int FirstFrom(long ticks)
    {
        var (low, high) = (0, _steps.Count);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (_steps[middle].FromTicks < ticks) low = middle + 1; else high = middle;
        }
        return low;
    }
}
