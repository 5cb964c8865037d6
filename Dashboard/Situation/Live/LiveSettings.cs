using System.ComponentModel.DataAnnotations;

namespace Dashboard.Situation.Live;

/// <summary>How the live pictures watch themselves (section <c>Live</c>).</summary>
public sealed class LiveSettings
{
    public const string Section = "Live";

    /// <summary>
    /// A picture that has not caught up with a change for this long is <em>behind</em>: its screens say BEHIND instead
    /// of LIVE, <c>/health/ready</c> answers Degraded and the Operations panel names it. A pass takes milliseconds.
    /// </summary>
    [Range(1, 3600)]
    public int BehindAfterSeconds { get; set; } = 10;

    /// <summary>
    /// Every picture and the incident list read the change log this often even when no signal came, so a signal lost
    /// anywhere (a dropped connection, a crashed writer) costs at most this long.
    /// </summary>
    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = 30;

    /// <summary>
    /// A picture no screen follows and nobody has read for this long is let go (its memory freed); it loads again from
    /// the log when next asked for. A wall or page left open keeps its picture however quiet the incident.
    /// </summary>
    [Range(1, 10080)]
    public int IdlePictureMinutes { get; set; } = 60;

    public TimeSpan BehindAfter => TimeSpan.FromSeconds(BehindAfterSeconds);
}
