using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Live;

/// <summary>
/// The changes strip is part of the picture, not of the process that happened to watch (issue 25, finding 3): a picture
/// loaded after a restart, or on another instance, shows the last hour's moves as the picture that saw them happen.
/// </summary>
public class StripAfterRestartTests
{
    [Fact]
    public async Task After_a_restart_the_strip_shows_the_last_hours_moves_as_before_it()
    {
        var before = new DashboardFactory { KeepDatabase = true };
        var incident = await before.CreateIncidentAsync();
        var now = DateTimeOffset.UtcNow;
        var first = Reports.Figures(now.AddMinutes(-20).ToString("O"), Reports.Press, Reports.HostagesKilled(35, scope: "foreign"));
        var second = Reports.Figures(now.AddMinutes(-10).ToString("O"), Reports.Ministry, Reports.HostagesKilled(37, scope: "foreign"));
        await before.Situation.SubmitAsync(incident, [first]);
        await before.Situation.GetSituationAsync(incident.Slug); // loaded, as on a server with a screen open
        var third = Reports.Figures(now.AddMinutes(-5).ToString("O"), Reports.Press, Reports.HostagesKilled(40, scope: "foreign"));
        // Each change read by a screen as it lands, so each is its own move.
        await before.Situation.SubmitAsync(incident, [second]);
        await before.Situation.GetSituationAsync(incident.Slug);
        await before.Situation.SubmitAsync(incident, [third]);
        await before.Situation.GetSituationAsync(incident.Slug);
        await before.Situation.RetractAsync(incident, third.Id, "Counted twice.", Actor.Seed);
        var seenLive = (await before.Situation.GetSituationAsync(incident.Slug))!.RecentMoves;
        before.Dispose();

        using var after = new DashboardFactory { DatabasePath = before.DatabasePath };
        var afterRestart = (await after.Situation.GetSituationAsync(incident.Slug))!.RecentMoves;

        Assert.Equal(3, seenLive.Count); // 35 → 37, 37 → 40, and the correction (40 withdrawn, now 37)
        Assert.Equal(seenLive, afterRestart);
    }
}
