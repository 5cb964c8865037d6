using System.Globalization;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Components.Wall;

public sealed class WallSettings
{
    public const string Section = "Wall";

    /// <summary>After this long without a new report the wall says so plainly.</summary>
    public int StaleAfterMinutes { get; set; } = 30;

    /// <summary>A claim this much older than the incident's latest report is shown as an old claim: dimmed and dated.</summary>
    public int OldClaimHours { get; set; } = 12;
}

/// <summary>
/// How a wall is set up, entirely from its URL so a screen is configured once:
/// <c>?country=GB,JP&amp;rotate=30&amp;theme=light&amp;replay=1&amp;speed=60&amp;staleAfter=20</c>, or a fixed moment
/// (<c>?asOf=2013-01-17T12:00:00+01:00</c>). What it cannot read it says in <see cref="Problem"/>, on the wall.
/// </summary>
public sealed record WallOptions(CountryFilter Countries, int? RotateSeconds, bool Replay, double Speed, TimeSpan StaleAfter,
    DateTimeOffset? AsOf = null, string? Problem = null, int PageSeconds = WallOptions.DefaultPageSeconds)
{
    public const int MinRotateSeconds = 5;

    /// <summary>How long a page of a list that does not fit its panel shows before the next (<c>?pageSeconds=</c>).</summary>
    public const int DefaultPageSeconds = 10;

    public const int MinPageSeconds = 2;

    /// <summary>The latest events a wall pages through: enough for a long day, bounded for a wall left open for days.</summary>
    public const int EventsShown = 50;

    /// <summary>Following the incident as it changes: neither a replay nor a fixed moment.</summary>
    public bool IsLive => !Replay && AsOf is null;

    public static WallOptions Parse(string? country, string? rotate, string? replay, string? speed, string? staleAfter, WallSettings settings,
        string? asOf = null, string? pageSeconds = null)
    {
        var page = int.TryParse(pageSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
            ? Math.Clamp(p, MinPageSeconds, 600) : DefaultPageSeconds;
        DateTimeOffset? moment = null;
        string? problem = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (IsoInstant.TryParse(asOf, out var at)) moment = at;
            else problem = Localization.Say.Format("Wall.IgnoredAsOf", asOf, IsoInstant.Expected);
        }
        var rotateSeconds = int.TryParse(rotate, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
            ? Math.Max(MinRotateSeconds, r) : (int?)null;
        var replaySpeed = double.TryParse(speed, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 100_000 ? s : 60;
        var stale = int.TryParse(staleAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : settings.StaleAfterMinutes;
        return new WallOptions(
            CountryFilter.Parse(country, out _),
            rotateSeconds,
            replay is "1" or "true",
            replaySpeed,
            TimeSpan.FromMinutes(stale),
            replay is "1" or "true" ? null : moment,
            problem,
            page);
    }
}
