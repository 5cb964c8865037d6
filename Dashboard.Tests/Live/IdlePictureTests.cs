using Dashboard.Situation.Live;
using Dashboard.Situation;
using Dashboard.Tests.Hardening;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>
/// Memory does not grow with every incident ever looked at (issue 25, finding 4): a picture nobody follows or reads for
/// Live:IdlePictureMinutes is let go, and loads again, the same, when next asked for; one a screen follows stays.
/// </summary>
public class IdlePictureTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private LivePictures Pictures => app.Services.GetRequiredService<LivePictures>();
    private bool IsLoaded(Incident incident) => Pictures.Lags().Any(l => l.Incident == incident.Slug);

    [Fact]
    public async Task A_picture_nobody_reads_is_let_go_after_the_idle_time_and_loads_again_the_same()
    {
        var incident = await app.CreateIncidentAsync();
        await app.Situation.SubmitAsync(incident, [Reports.Figures(app.Clock.GetUtcNow().AddHours(-1).ToString("O"), Reports.Press, Reports.HostagesKilled(6))]);
        var before = (await app.Situation.GetSituationAsync(incident.Slug))!;
        var loads = Pictures.FullLoads;

        app.Clock.Advance(TimeSpan.FromMinutes(new LiveSettings().IdlePictureMinutes) - TimeSpan.FromSeconds(2));
        var loadedJustBefore = IsLoaded(incident);
        app.Clock.Advance(TimeSpan.FromSeconds(3)); // the watch looks every second
        var loadedAfter = IsLoaded(incident);
        var again = (await app.Situation.GetSituationAsync(incident.Slug))!;

        Assert.True(loadedJustBefore);
        Assert.False(loadedAfter);
        Assert.Equal(loads + 1, Pictures.FullLoads);
        Assert.Equal(before.Tallies, again.Tallies);
    }

    [Fact]
    public async Task A_picture_a_screen_follows_stays_however_quiet_the_incident()
    {
        var incident = await app.CreateIncidentAsync();
        await app.Situation.GetSituationAsync(incident.Slug);
        using var screen = app.Situation.Subscribe(incident.Slug, _ => { });

        app.Clock.Advance(TimeSpan.FromMinutes(new LiveSettings().IdlePictureMinutes + 5));

        Assert.True(IsLoaded(incident));
    }
}
