using Dashboard.Situation.Live;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>The live picture is a projection of the change log: it loads once, catches up, and never blocks a write.</summary>
public class LivePictureTests
{
    private const int StoredBefore = 200;

    // The test's incident alone, so that every picture load counted is its own.
    private static Dictionary<string, string> NoSeed => new() { ["Seed:Enabled"] = "false" };

    private static async Task<(string Path, string Slug, IReadOnlyList<NewReport> Stored)> DatabaseWithReportsAsync()
    {
        using var writer = new DashboardFactory { KeepDatabase = true, Settings = NoSeed };
        var incident = await writer.CreateIncidentAsync();
        var reports = Enumerable.Range(0, StoredBefore)
            .Select(i => Reports.Figures($"2013-01-17T{i / 60 % 24:00}:{i % 60:00}:00+01:00", Reports.Press, Reports.HostagesKilled(i + 1)))
            .ToArray();
        await writer.Situation.SubmitAsync(incident, reports);
        return (writer.DatabasePath, incident.Slug, reports);
    }

    [Fact]
    public async Task A_cold_picture_loads_once_and_then_catches_up_with_what_was_written_while_it_loaded()
    {
        var (path, slug, stored) = await DatabaseWithReportsAsync();
        var during = Enumerable.Range(0, 5)
            .Select(i => Reports.Figures($"2013-01-18T0{i}:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(1000 + i)))
            .ToArray();
        var chunksRead = 0;
        using var app = new DashboardFactory
        {
            DatabasePath = path,
            Settings = NoSeed,
            ExtraServices = services => services.AddSingleton(provider => new PictureLoading
            {
                ChunkSize = 50,
                // After the first chunk, writes land one by one (as steady ingest would), and a report already read is
                // retracted: the load goes on, and reads them after it.
                AfterChunk = async incident =>
                {
                    if (Interlocked.Increment(ref chunksRead) != 1)
                        return;
                    var journal = provider.GetRequiredService<ChangeJournal>();
                    foreach (var report in during)
                        await journal.WriteReportsAsync(incident, [report], Actor.Seed, "report");
                    await journal.RetractAsync(incident, stored[10].Id, "Withdrawn during the load.", Actor.Seed);
                },
            }),
        };
        var pictures = app.Services.GetRequiredService<LivePictures>();

        var readers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.Situation.GetSituationAsync(slug))));
        var incident = (await app.Situation.FindIncidentAsync(slug))!;
        var last = Reports.Figures("2013-01-19T00:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(2000));
        await app.Situation.SubmitAsync(incident, [last]);

        Assert.All(readers, Assert.NotNull);
        Assert.Equal(1, pictures.FullLoads);
        Assert.Equal(StoredBefore + during.Length + 1, await app.Situation.CountReportsAsync(slug));
        var live = (await app.Situation.GetSituationAsync(slug))!;
        var killed = Assert.Single(live.Tallies);
        Assert.Equal(2000, killed.Count);
        Assert.DoesNotContain(killed.Alternatives, a => a.ReportId == stored[10].Id);
        Assert.Contains(killed.Alternatives, a => a.ReportId == during[^1].Id);
        // Before the retraction the retracted report's figure still counted.
        var before = (await app.Situation.GetTalliesAsync(slug, stored[10].ReportedAt.AddMinutes(30), CountryFilter.None))!;
        Assert.Contains(Assert.Single(before.Tallies).Alternatives, a => a.ReportId == stored[10].Id);
    }

    [Fact]
    public async Task A_write_during_a_cold_load_is_answered_without_waiting_for_it_and_every_read_after_sees_it()
    {
        var (path, slug, _) = await DatabaseWithReportsAsync();
        var (paused, goOn) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var app = new DashboardFactory
        {
            DatabasePath = path,
            Settings = NoSeed,
            ExtraServices = services => services.AddSingleton(new PictureLoading
            {
                ChunkSize = 50,
                // The load stops after its first chunk until the write has been answered.
                AfterChunk = async _ =>
                {
                    paused.TrySetResult();
                    await goOn.Task;
                },
            }),
        };
        var incident = (await app.Situation.FindIncidentAsync(slug))!;
        var firstRead = Task.Run(() => app.Situation.GetSituationAsync(slug));
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var write = app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-19T00:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(2000))]);
        // Held for the load, a write would wait out the read-your-write limit (10 s) before its answer; half that is plenty.
        bool answered;
        try
        {
            await write.WaitAsync(TimeSpan.FromSeconds(5));
            answered = true;
        }
        catch (TimeoutException)
        {
            answered = false;
        }
        goOn.TrySetResult();

        Assert.True(answered, "the write waited for the load");
        Assert.Equal(WriteResult.Created, (await write)[0].Result);
        Assert.NotNull(await firstRead);
        Assert.Equal(2000, Assert.Single((await app.Situation.GetSituationAsync(slug))!.Tallies).Count);
    }

    [Fact]
    public async Task A_write_lays_out_again_the_keys_past_views_read_so_that_their_next_reader_does_not()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        var freed = new Figure(FigureGroup.Hostages, FigureStatus.Freed, Scopes.All, null, 2, Qualifier.Exact);
        await app.Situation.SubmitAsync(incident, [
            Reports.Figures("2013-01-17T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3), freed),
            Reports.Figures("2013-01-19T12:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(7), freed with { Count = 4 }),
            // The press says 3 again after the moment read below: the view must search its figures, which lays them out.
            Reports.Figures("2013-01-19T13:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]);
        var pictures = app.Services.GetRequiredService<LivePictures>();
        var asOf = DateTimeOffset.Parse("2013-01-18T12:00:00+01:00");
        var killed = Reports.HostagesKilled(0).Key;
        var before = (await pictures.GetAsync(incident)).State;
        // A past view of the killed alone: only that key is laid out for the past (the live headlines lay out every key
        // for the live moment, which needs none of a past moment's searches).
        Assert.Equal(3, before.Histories[killed].TallyAt(asOf.UtcTicks)!.Count);
        Assert.True(before.Histories[killed].IsLaidOutForThePast);
        Assert.False(before.Histories[freed.Key].IsLaidOutForThePast);

        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-20T12:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(9), freed with { Count = 5 })]);

        var after = (await pictures.GetAsync(incident)).State;
        Assert.True(after.Histories[killed].IsLaidOutForThePast);
        Assert.False(after.Histories[freed.Key].IsLaidOutForThePast);
        Assert.Equal(3, after.Tallies(asOf, CountryFilter.None).Single(t => t.Key == killed).Count);
        Assert.Equal(9, after.Tallies(null, CountryFilter.None).Single(t => t.Key == killed).Count);
    }

    [Fact]
    public async Task A_reader_keeps_the_state_it_was_handed_while_writes_are_applied_beside_it()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]);
        var pictures = app.Services.GetRequiredService<LivePictures>();
        var held = (await pictures.GetAsync(incident)).State;
        var asOf = DateTimeOffset.Parse("2013-01-20T00:00:00+01:00");

        // No lock is held by a reader, so the write is acknowledged while the reader still holds the old state.
        await app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-19T12:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(7))]);
        await app.Situation.RetractAsync(incident, held.Tallies(null, CountryFilter.None)[0].ReportId, "Wrong.", Actor.Seed);

        Assert.Equal(3, Assert.Single(held.Tallies(asOf, CountryFilter.None)).Count);
        Assert.Equal(1, held.ReportCount);
        var now = (await pictures.GetAsync(incident)).State;
        Assert.Equal(7, Assert.Single(now.Tallies(null, CountryFilter.None)).Count);
        Assert.Empty(Assert.Single(now.Tallies(null, CountryFilter.None)).Alternatives);
        Assert.True(now.Sequence > held.Sequence);
    }

    [Fact]
    public async Task A_change_listener_that_throws_neither_fails_the_write_nor_keeps_others_from_hearing()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        await app.Situation.GetSituationAsync(incident.Slug);
        using var failingSignal = app.Services.GetRequiredService<IChangeSignal>().Listen(_ => throw new InvalidOperationException("listener bug"));
        using var failingScreen = app.Situation.Subscribe(incident.Slug, _ => throw new InvalidOperationException("screen bug"));
        var heard = new TaskCompletionSource<SituationChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var screen = app.Situation.Subscribe(incident.Slug, change => heard.TrySetResult(change));
        using var client = app.CreateWriter();

        var response = await client.PostAsync($"/api/incidents/{incident.Slug}/reports",
            new StringContent(Api.ApiClient.ValidReport("listener-write", 9).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["listener-write"], (await heard.Task.WaitAsync(TimeSpan.FromSeconds(10))).ReportIds);
        Assert.Equal(9, Assert.Single((await app.Situation.GetSituationAsync(incident.Slug))!.Tallies).Count);
    }

    [Fact]
    public async Task A_retracted_report_stretches_nothing_and_the_last_change_is_when_it_was_recorded()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        var counted = Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3));
        var late = Reports.Figures("2013-01-21T12:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(9));
        await app.Situation.SubmitAsync(incident, [counted]);
        var stored = (await app.Situation.SubmitAsync(incident, [late]))[0].Report;
        Assert.Equal(stored.RecordedAt, (await app.Situation.GetSituationAsync(incident.Slug))!.LastChangeAt);
        Assert.Equal(late.ReportedAt, (await app.Situation.GetSituationAsync(incident.Slug))!.Span.LatestReport);

        var (_, retraction) = await app.Situation.RetractAsync(incident, late.Id, "Wrong day.", Actor.Seed);

        var live = (await app.Situation.GetSituationAsync(incident.Slug))!;
        Assert.Equal(counted.ReportedAt, live.Span.LatestReport);
        Assert.Equal(retraction!.At, live.LastChangeAt);
    }

    [Fact]
    public async Task A_load_that_fails_part_way_leaves_nothing_behind_and_the_next_load_holds_every_report()
    {
        var (path, slug, _) = await DatabaseWithReportsAsync();
        var failOnce = 1;
        using var app = new DashboardFactory
        {
            DatabasePath = path,
            Settings = NoSeed,
            ExtraServices = services => services.AddSingleton(new PictureLoading
            {
                ChunkSize = 50,
                // The database goes away after the first chunk of the first load was read into it.
                AfterChunk = _ => Interlocked.Exchange(ref failOnce, 0) == 1
                    ? throw new InvalidOperationException("The database went away mid-load.")
                    : Task.CompletedTask,
            }),
        };

        // The first load (the start-up warm-up's, or this read's) fails; whichever read comes after loads again.
        try { await app.Situation.GetSituationAsync(slug); }
        catch (InvalidOperationException) { }

        Assert.Equal(0, Volatile.Read(ref failOnce));
        Assert.Equal(StoredBefore, await app.Situation.CountReportsAsync(slug));
        Assert.Equal(StoredBefore, Assert.Single((await app.Situation.GetSituationAsync(slug))!.Tallies).Count);
    }
}
