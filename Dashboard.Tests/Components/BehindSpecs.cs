using Dashboard.Situation.Live;
using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Components.Wall;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Live;

namespace Dashboard.Tests.Components;

/// <summary>A screen whose picture cannot catch up with the change log says BEHIND, never LIVE, until it has caught up.</summary>
public class BehindSpecs(LogReadFailingAppFactory app) : SituationPageContext(app), IClassFixture<LogReadFailingAppFactory>
{
    private readonly LogReadFailingAppFactory _app = app;

    [Fact]
    public async Task The_wall_and_the_page_say_behind_while_their_picture_cannot_read_the_log_and_live_again_after()
    {
        var incident = await _app.CreateIncidentAsync();
        await _app.Situation.SubmitAsync(incident, [Reports.Figures(_app.Clock.GetUtcNow().AddMinutes(-1).ToString("O"), Reports.Press, Reports.HostagesKilled(3))]);
        var wall = RenderAt<WallPage>($"/wall/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        Assert.Equal("● LIVE", wall.Find(".wall-mode .when-online").TextContent.Trim());
        Assert.Equal("● LIVE", page.Find(".live-chip .when-online").TextContent.Trim());

        await _app.BreakCatchingUpAsync(incident.Slug);
        _app.Clock.Advance(TimeSpan.FromSeconds(new LiveSettings().BehindAfterSeconds + 1));

        wall.WaitForAssertion(() => Assert.StartsWith("BEHIND since", wall.Find(".wall-mode .when-online").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Contains("wall-mode-behind", wall.Find(".wall-mode").ClassList);
        page.WaitForAssertion(() => Assert.StartsWith("BEHIND since", page.Find(".live-chip .when-online").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal(SituationText.BehindExplained, page.Find(".live-chip").GetAttribute("title"));

        _app.FailReads.Disarm();
        _app.Clock.Advance(CatchUp.LongestRetry); // the retry reads the log again
        Assert.True(await Dashboard.Tests.Instances.SharedDatabase.EventuallyAsync(() => Task.FromResult(_app.Situation.GetPictureLags().Single(l => l.Incident == incident.Slug).Lag == TimeSpan.Zero)),
            "The picture never caught up");
        _app.Clock.Advance(TimeSpan.FromSeconds(1)); // the watch's next look tells the screens

        wall.WaitForAssertion(() => Assert.Equal("● LIVE", wall.Find(".wall-mode .when-online").TextContent.Trim()), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal("● LIVE", page.Find(".live-chip .when-online").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }
}
