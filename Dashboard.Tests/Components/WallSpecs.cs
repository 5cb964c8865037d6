using Dashboard.Components.Situation;
using Dashboard.Situation;
using Bunit;
using Dashboard.Components.Wall;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>What the room sees on the wall for In Amenas.</summary>
[Collection(SharedAppCollection.Name)]
public class WallSpecs(DashboardFactory app) : SituationPageContext(app)
{
    // Everyone named in the seeded reports; the wall shows counts for the whole room, never a name.
    private static readonly string[] NamedPeople = ["Oddvar Birkedal", "Birkedal", "Darren Matthews", "Peter", "Alan"];
    private static readonly string[] NamedSources = ["William Hague", "David Cameron", "Bob Dudley", "Barack Obama"];

    /// <summary>Every person and named source in the seeded reports: none may show on a wall.</summary>
    public static IEnumerable<string> Names => NamedPeople.Concat(NamedSources);

    private IRenderedComponent<WallPage> OpenWall(string query = "") =>
        RenderAt<WallPage>($"/wall/in-amenas{query}", p => p.Add(x => x.Slug, "in-amenas"));

    private static string CountOf(IRenderedComponent<WallPage> wall, string key) =>
        wall.Find($"[data-tally-key='{key}'] .wall-count").TextContent.Trim();

    [Fact]
    public void The_wall_shows_the_end_tallies_with_claims_in_words_and_no_names()
    {
        var wall = OpenWall();

        Assert.Equal("23", CountOf(wall, "hostages/killed/all/"));
        Assert.Equal("107", CountOf(wall, "hostages/freed/foreign/"));
        Assert.Equal("685", CountOf(wall, "hostages/freed/local/"));
        Assert.Equal("32", CountOf(wall, "militants/killed/all/"));
        Assert.Contains("— more than the ~30 first reported", wall.Find("[data-tally-key='militants/killed/all/']").TextContent);
        Assert.Contains("CLAIM by the perpetrators — not confirmed", wall.Find("[data-tally-key='hostages/killed/foreign/']").TextContent);
        // Its last report was in 2013: the wall must not call that live.
        Assert.StartsWith("STALE since", wall.Find(".wall-mode .when-online").TextContent.Trim());
        Assert.Contains("wall-is-stale", wall.Find(".wall-root").ClassList);
        Assert.Contains("OFFLINE since", wall.Find(".wall-mode .when-offline").TextContent);
        Assert.NotEmpty(wall.FindAll(".wall-timeline li"));
        Assert.NotEmpty(wall.FindAll(".wall-countries tbody tr"));
        Assert.All(NamedPeople.Concat(NamedSources), name => Assert.DoesNotContain(name, wall.Markup, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_person_named_in_an_event_title_and_by_a_source_is_withheld_from_the_wall()
    {
        var incident = await App.CreateIncidentAsync();
        var at = DateTimeOffset.Parse("2013-01-18T15:00:00+01:00");
        await App.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T15:00:00+01:00", new Source("Brother of Ingrid Solheim", SourceKind.Witness), Reports.HostagesKilled(2)) with
        {
            Event = new TimelineEvent(at, "Ingrid Solheim is freed", null, ["NO"]),
            People = [new NamedPerson("Ingrid Solheim", "NO", FigureStatus.Freed)],
        }]);

        var wall = RenderAt<WallPage>($"/wall/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        Assert.Contains("[name withheld] is freed", wall.Find(".wall-timeline").TextContent);
        Assert.DoesNotContain("Solheim", wall.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ingrid", wall.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wall_with_a_fresh_report_says_live_and_one_silent_past_its_stale_interval_says_since_when()
    {
        var incident = await App.CreateIncidentAsync();
        var now = DateTimeOffset.UtcNow;
        await App.Situation.SubmitAsync(incident, [Reports.Figures(now.AddMinutes(-10).ToString("O"), Reports.Ministry, Reports.HostagesKilled(4))]);

        var fresh = RenderAt<WallPage>($"/wall/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        Assert.Equal("● LIVE", fresh.Find(".wall-mode .when-online").TextContent.Trim());
        Assert.DoesNotContain("wall-is-stale", fresh.Find(".wall-root").ClassList);

        // One address for every page here (the walls share bUnit's navigation), and a wall follows its address.
        var silent = RenderAt<WallPage>($"/wall/{incident.Slug}?staleAfter=5", p => p.Add(x => x.Slug, incident.Slug));
        var since = SituationText.ClockOrDate(now.AddMinutes(-5), incident, now); // "HH:mm", dated only just after midnight
        Assert.Equal($"STALE since {since}", silent.Find(".wall-mode .when-online").TextContent.Trim());
    }

    [Fact]
    public void A_claim_overtaken_by_days_of_reports_reads_as_an_old_claim_with_its_time()
    {
        var wall = OpenWall();

        var held = wall.Find("[data-tally-key='hostages/held/foreign/']");
        Assert.Contains("wall-card-old-claim", held.ClassList);
        Assert.Contains("OLD CLAIM by the perpetrators", held.TextContent);
        Assert.Matches(@"claimed \w{3} \d{1,2} Jan, \d\d:\d\d, .+ before the latest report", held.TextContent);
        // The leading cards are the present: old claims follow them, on the line of the other figures.
        Assert.All(wall.FindAll(".wall-card-old-claim"), card => Assert.Null(card.Closest(".wall-row-main")));
        Assert.Equal(4, wall.FindAll(".wall-row-main .wall-card").Count);
        var claimedCells = wall.FindAll(".wall-countries td.wall-cell-claim");
        Assert.NotEmpty(claimedCells);
        Assert.All(claimedCells, cell => Assert.Equal("claimed", cell.QuerySelector(".wall-cell-word")!.TextContent.Trim()));
    }

    [Fact]
    public async Task The_changes_strip_shows_a_new_figure_and_a_correction_with_its_reason_without_naming_anyone()
    {
        var incident = await App.CreateIncidentAsync();
        var now = DateTimeOffset.UtcNow;
        var first = Reports.Figures(now.AddMinutes(-20).ToString("O"), Reports.Press, Reports.HostagesKilled(35, scope: "foreign"));
        var second = Reports.Figures(now.AddMinutes(-10).ToString("O"), Reports.Ministry, Reports.HostagesKilled(37, scope: "foreign"));
        await App.Situation.SubmitAsync(incident, [first]);
        // The picture is loaded, as on a server with a screen open: a picture's first change is where its strip starts,
        // and under a busy run the writes below could land during that load.
        await App.Situation.GetSituationAsync(incident.Slug);
        var wall = RenderAt<WallPage>($"/wall/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        await App.Situation.SubmitAsync(incident, [second with { People = [new NamedPerson("Ingrid Solheim", "NO", FigureStatus.Freed)] }]);
        // Seen on the wall before it is withdrawn: a figure given and withdrawn within one refresh is no move at all
        // (the strip shows what changed between the states a screen read), and under a busy run both can land in one.
        wall.WaitForAssertion(() => Assert.Contains("Hostages killed, foreign nationals 35 → 37", wall.Find(".recent-changes").TextContent), TimeSpan.FromSeconds(5));
        await App.Situation.RetractAsync(incident, second.Id, "Ingrid Solheim's count was double-counted.", Actor.Seed);

        wall.WaitForAssertion(() =>
        {
            var strip = wall.Find(".recent-changes").TextContent;
            Assert.Contains("Hostages killed, foreign nationals 35 → 37", strip);
            Assert.Contains("CORRECTION: Hostages killed, foreign nationals 37 withdrawn — [name withheld]'s count was double-counted. (now 35)", strip);
        }, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("Solheim", wall.Markup);
        Assert.DoesNotContain(Reports.Ministry.Name, wall.Find(".recent-changes").TextContent);
    }

    [Fact]
    public async Task A_wall_given_a_moment_shows_that_moment_marked_as_such_and_never_live()
    {
        const string moment = "2013-01-17T12:00:00+01:00";
        var then = (await App.Situation.GetSituationAsync("in-amenas", DateTimeOffset.Parse(moment)))!;
        var killedThen = then.Tallies.First(t => SituationText.TallyKey(t) == "hostages/killed/all/");

        var wall = OpenWall($"?asOf={Uri.EscapeDataString(moment)}");

        Assert.Equal("AS OF Thu 17 Jan, 12:00 · not live", wall.Find(".wall-mode").TextContent.Trim());
        Assert.Empty(wall.FindAll("[data-live-badge]"));
        Assert.Empty(wall.FindAll(".recent-changes"));
        Assert.Equal(killedThen.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), CountOf(wall, "hostages/killed/all/"));
        Assert.NotEqual("23", CountOf(wall, "hostages/killed/all/")); // not the end's figure
    }

    [Fact]
    public void A_wall_given_a_moment_it_cannot_read_says_so_and_shows_the_live_picture()
    {
        var wall = OpenWall("?asOf=yesterday");

        Assert.Contains("Ignored asOf=yesterday", wall.Find(".wall-problem").TextContent);
        Assert.StartsWith("STALE since", wall.Find(".wall-mode .when-online").TextContent.Trim());
        Assert.Equal("23", CountOf(wall, "hostages/killed/all/"));
    }

    [Fact]
    public void Each_card_says_whose_figure_it_is_before_what_it_counts_and_the_table_says_what_a_dash_means()
    {
        var wall = OpenWall();

        var cards = wall.FindAll("[data-tally-key]");
        Assert.NotEmpty(cards);
        // The card's title leads, and the title leads with the subject.
        Assert.All(cards, card => Assert.Equal("wall-card-subject", card.FirstElementChild!.FirstElementChild!.ClassName));
        Assert.Contains(cards, card => card.QuerySelector(".wall-card-subject")!.TextContent.Trim().EndsWith(" staff", StringComparison.Ordinal));
        Assert.NotEmpty(wall.FindAll(".wall-countries .wall-none"));
        Assert.Contains("— not reported (not zero)", wall.Find(".wall-countries .wall-legend").TextContent);
    }

    [Fact]
    public async Task Flags_are_the_apps_own_pictures_never_characters_that_need_an_emoji_font()
    {
        var wall = OpenWall("?country=JP");

        Assert.NotEmpty(wall.FindAll(".wall-countries img.flag[src='flags/jp.svg']"));
        Assert.NotEmpty(wall.FindAll(".wall-filter img.flag[src='flags/jp.svg']"));
        var japanMissing = wall.Find("[data-tally-key='hostages/missing/JP/'] .wall-card-subject");
        Assert.Equal(("Japan", "flags/jp.svg"), (japanMissing.TextContent.Trim(), japanMissing.QuerySelector("img.flag")?.GetAttribute("src")));
        Assert.DoesNotContain("&lt;img", wall.Markup); // a flag is a picture, never its markup as words
        Assert.DoesNotContain(wall.Markup.EnumerateRunes(), rune => rune.Value is >= 0x1F1E6 and <= 0x1F1FF); // regional indicators
        var served = await App.CreateClient().GetAsync("/flags/jp.svg");
        Assert.Equal((System.Net.HttpStatusCode.OK, "image/svg+xml"), (served.StatusCode, served.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task The_walls_strip_keeps_every_move_of_the_hour_not_the_last_three()
    {
        var incident = await App.CreateIncidentAsync();
        var now = DateTimeOffset.UtcNow;
        await App.Situation.SubmitAsync(incident, [Reports.Figures(now.AddMinutes(-30).ToString("O"), Reports.Press, Reports.HostagesKilled(1))]);
        await App.Situation.GetSituationAsync(incident.Slug);
        string[] codes = ["GB", "JP", "NO", "US", "FR", "PH"];
        for (var i = 0; i < codes.Length; i++)
        {
            await App.Situation.SubmitAsync(incident, [Reports.Figures(now.AddMinutes(-20 + i).ToString("O"), Reports.Press, Reports.HostagesKilled(i + 2, scope: codes[i]))]);
            await App.Situation.GetSituationAsync(incident.Slug); // each read as it lands: each its own move
        }

        var wall = RenderAt<WallPage>($"/wall/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));

        Assert.Equal(codes.Length, wall.FindAll(".wall-recent-changes li").Count);
        Assert.NotNull(wall.Find(".wall-recent-changes ul[data-wall-pages]")); // paged when it does not fit its space
    }

    [Fact]
    public void The_country_option_narrows_the_wall()
    {
        var wall = OpenWall("?country=JP");

        Assert.Equal("10", CountOf(wall, "hostages/missing/JP/"));
        Assert.Empty(wall.FindAll("[data-tally-key$='/GB/']"));
        Assert.Equal(["Japan"], wall.FindAll(".wall-countries tbody th").Select(th => th.TextContent.Trim()[^5..]));
        Assert.All(wall.FindAll(".wall-timeline li"), li => Assert.Contains("JP", li.TextContent));
        Assert.Contains("Japan", wall.Find(".wall-filter").TextContent);
    }

    [Fact]
    public void Replay_is_marked_as_a_replay_and_starts_from_the_beginning()
    {
        var wall = OpenWall("?replay=1&speed=3600");

        Assert.Contains("REPLAY", wall.Find(".wall-mode").TextContent);
        Assert.Contains("wall-replay", wall.Find(".wall-root").ClassList);
        Assert.DoesNotContain("LIVE", wall.Markup);
        Assert.Empty(wall.FindAll("[data-tally-key='hostages/killed/all/']"));
        Assert.Contains("No figures had been reported by Wed 16 Jan, 05:30", wall.Find(".wall-empty").TextContent);

        // An hour of the incident a second: by the third second the morning's deaths have been reported.
        wall.WaitForAssertion(() => Assert.Equal("2", CountOf(wall, "hostages/killed/all/")), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Rotation_shows_one_view_at_a_time()
    {
        var wall = OpenWall("?rotate=5");

        Assert.Equal("Tallies", wall.Find(".wall-root").GetAttribute("data-view"));
        Assert.NotEmpty(wall.FindAll(".wall-tallies"));
        Assert.Empty(wall.FindAll(".wall-timeline"));
        Assert.Empty(wall.FindAll(".wall-countries"));
    }

    [Fact]
    public void A_named_person_is_withheld_even_from_an_event_title()
    {
        Assert.Equal("[name withheld] is freed", NamesWithheld.From("Oddvar Birkedal is freed", ["Oddvar Birkedal"]));
        Assert.Equal("[name withheld] and [name withheld] are home", NamesWithheld.From("Peter and Alan are home", ["Peter (surname not given)", "Alan (surname not given)"]));
    }
}
