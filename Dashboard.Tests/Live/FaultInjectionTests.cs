using Dashboard.Situation.Live;
using Dashboard.Data.Postgres;
using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>
/// The process's change signal with faults: some notices dropped, some told twice, some held back and told after the
/// next (reordered). Seeded, so a failing run can be run again.
/// </summary>
public sealed class FaultySignal(IChangeSignal inner, int seed) : IChangeSignal
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private ChangeNotice? _heldBack;

    public int Dropped { get; private set; }

    public void Raise(ChangeNotice notice)
    {
        ChangeNotice[] told;
        lock (_gate)
        {
            var roll = _random.Next(12);
            var held = _heldBack;
            _heldBack = null;
            (told, Dropped) = roll switch
            {
                < 3 => (held is null ? [] : [held], Dropped + 1),   // dropped
                < 5 => (held is null ? [notice, notice] : [notice, notice, held], Dropped), // told twice
                < 8 when held is null => (Hold(notice), Dropped),   // told after the next one
                _ => (held is null ? [notice] : [notice, held], Dropped),
            };
        }
        foreach (var each in told)
            inner.Raise(each);
    }

    private ChangeNotice[] Hold(ChangeNotice notice)
    {
        _heldBack = notice;
        return [];
    }

    public Task AnnounceAsync(DashboardDbContext db, ChangeNotice notice, CancellationToken cancellationToken = default) =>
        inner.AnnounceAsync(db, notice, cancellationToken);

    public IDisposable Listen(Action<ChangeNotice> listener) => inner.Listen(listener);
}

/// <summary>
/// Faults on every path a change takes to the pictures (issue 25): notices dropped, told twice and reordered; commits
/// that fail after they are durable; catch-up passes that fail. Once the faults stop, the live answers equal those of a
/// process rebuilt from the database, without any further write to poke them.
/// </summary>
public class FaultInjectionTests
{
    [Fact]
    public async Task After_a_storm_with_faults_on_every_path_the_live_answers_come_to_equal_a_rebuilt_process()
    {
        var failAfterCommit = new FailAfterCommit();
        var failReads = new FailLogReads();
        FaultySignal? signal = null;
        var slugs = Enumerable.Range(0, 2).Select(i => $"faults-{i}").ToArray();
        using var app = new DashboardFactory
        {
            KeepDatabase = true,
            Settings = new() { ["Live:SweepSeconds"] = "1" },
            ExtraServices = services =>
            {
                services.AddSingleton<IInterceptor>(failAfterCommit);
                services.AddSingleton<IInterceptor>(failReads);
                services.AddSingleton<IChangeSignal>(provider => signal = new FaultySignal(
                    provider.GetRequiredService<DashboardDatabase>().Provider == DatabaseProvider.Postgres
                        ? provider.GetRequiredService<PostgresChangeSignal>()
                        : provider.GetRequiredService<InProcessChangeSignal>(), seed: 25));
            },
        };
        using var client = app.CreateWriter();
        foreach (var slug in slugs)
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/incidents", new JsonObject
            {
                ["slug"] = slug, ["name"] = slug, ["hostCountry"] = "DZ", ["startedAt"] = "2013-01-16T05:00:00+01:00",
            })).StatusCode);
        foreach (var slug in slugs)
            await app.Situation.GetSituationAsync(slug); // loaded: every change below reaches a live picture, not a load

        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            for (var i = 0; i < 20; i++)
            {
                var slug = slugs[random.Next(slugs.Length)];
                var id = $"f{writer}-{i}";
                if (random.Next(8) == 0) failAfterCommit.Arm();
                if (random.Next(6) == 0) failReads.Arm();
                // Whatever the writer is told, the change may have landed: the pictures must find out either way.
                await client.PostJsonAsync($"/api/incidents/{slug}/reports", ConsistencyTests.Report(id, random));
                failReads.Disarm();
                if (random.Next(5) == 0)
                    await client.PostJsonAsync($"/api/incidents/{slug}/reports/{id}/retract", new JsonObject { ["reason"] = "Withdrawn." });
            }
        })).ToArray();
        await Task.WhenAll(writers);
        failReads.Disarm();

        using var rebuilt = new DashboardFactory { DatabasePath = app.DatabasePath, KeepDatabase = true };
        var fresh = await ConsistencyTests.AnswersAsync(rebuilt.CreateWriter(), slugs);
        Dictionary<string, string> live = [];
        var converged = await Instances.SharedDatabase.EventuallyAsync(async () =>
        {
            live = await ConsistencyTests.AnswersAsync(client, slugs);
            return fresh.All(answer => live.GetValueOrDefault(answer.Key) == answer.Value);
        }, TimeSpan.FromSeconds(30));

        Assert.True(signal!.Dropped > 0, "No notice was dropped: the faults did not happen");
        Assert.True(converged, string.Join("\n", fresh.Where(a => live.GetValueOrDefault(a.Key) != a.Value)
            .Take(3).Select(a => $"{a.Key} differs:\nlive  {live.GetValueOrDefault(a.Key)}\nfresh {a.Value}")));
        Assert.Contains(fresh, a => a.Key.Contains("tallies") && a.Value.Contains("\"count\""));
    }
}
