using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Instances;

/// <summary>An instance killed outright (SIGKILL) while it and another take writes on one PostgreSQL database.</summary>
public class KillTests
{
    [SkippableFact]
    public async Task An_instance_killed_during_writes_loses_nothing_it_acknowledged_and_the_other_keeps_serving()
    {
        using var database = new SharedDatabase();
        var b = database.StartInstance();
        var slug = (await b.CreateIncidentAsync()).Slug;
        using var a = AppProcess.Start("Postgres", TestDatabases.Postgres(database.Name));
        await a.ReadyAsync();
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            using var writer = w % 2 == 0 ? a.CreateWriter() : b.CreateWriter();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"k{w}-{i}";
                try
                {
                    if ((await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport(id, 1 + (w + i) % 30))).StatusCode == HttpStatusCode.Created)
                        acknowledged.Add(id);
                }
                catch (HttpRequestException) { await Task.Delay(50); } // the killed instance: refused, or cut off mid-answer
            }
        })).ToArray();
        // Killed once writes are flowing through both, however fast the machine; the writers go on a while after.
        Assert.True(await SharedDatabase.EventuallyAsync(() => Task.FromResult(acknowledged.Count > 20), TimeSpan.FromSeconds(30)),
            $"only {acknowledged.Count} writes acknowledged before the kill");
        var ackedBeforeKill = acknowledged.Count;
        a.Kill();
        stop.CancelAfter(TimeSpan.FromSeconds(3));
        await Task.WhenAll(writers);

        Assert.True(ackedBeforeKill > 20, $"only {ackedBeforeKill} writes before the kill");
        Assert.True(acknowledged.Count > ackedBeforeKill, "B stopped taking writes when A was killed");
        var c = database.StartInstance();
        var stored = (await c.Situation.GetHistoryAsync(slug))!.Select(h => h.Report.Id).ToArray();
        Assert.Equal(stored.Length, stored.Distinct().Count());
        Assert.Empty(acknowledged.Except(stored));
        var fresh = (await c.CreateClient().TalliesAsync(slug)).ToJsonString();
        Assert.True(await SharedDatabase.EventuallyAsync(async () => (await b.CreateClient().TalliesAsync(slug)).ToJsonString() == fresh),
            "B disagrees with a fresh instance after A was killed");
    }
}
