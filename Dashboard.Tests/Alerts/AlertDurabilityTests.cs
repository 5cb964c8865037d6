using System.Text.Json.Nodes;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Instances;

namespace Dashboard.Tests.Alerts;

/// <summary>Alerts come from the change log: a killed process loses none, and several instances send each once.</summary>
public class AlertDurabilityTests
{
    private static Dictionary<string, string> Settings(double firstRetrySeconds) => new()
    {
        ["Alerts:AllowHttpHosts:0"] = "127.0.0.1",
        ["Alerts:FirstRetrySeconds"] = firstRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static JsonObject Incident(string slug) => new()
    {
        ["slug"] = slug, ["name"] = "Durability incident", ["hostCountry"] = "DZ", ["timeZone"] = "Africa/Algiers", ["startedAt"] = "2013-01-16T05:00:00+01:00",
    };

    [Fact]
    public async Task An_alert_not_yet_taken_when_the_app_is_killed_is_sent_after_the_restart_with_the_same_id_and_taken_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"alerts-kill-{Guid.NewGuid():N}.db");
        await using var receiver = new WebhookReceiver();
        var receiving = false; // refuses until the first process is dead
        var url = receiver.NewHook(out var hook, _ => Volatile.Read(ref receiving) ? 200 : 500);
        try
        {
            using (var first = AppProcess.Start("Sqlite", $"Data Source={path}", Settings(firstRetrySeconds: 1)))
            {
                await first.ReadyAsync();
                using var writer = first.CreateWriter();
                (await writer.PostJsonAsync("/api/incidents", Incident("killed-app"))).EnsureSuccessStatusCode();
                (await writer.PostJsonAsync("/api/subscriptions", AlertTestData.Subscription("killed-app", "webhook", ["GB"], url: url))).EnsureSuccessStatusCode();
                (await writer.PostJsonAsync("/api/incidents/killed-app/reports", AlertTestData.Killed("k-1", "2013-01-17T10:00:00+01:00", ("GB", 2)))).EnsureSuccessStatusCode();
                Assert.True(await AlertsAppFactory.EventuallyAsync(() => receiver.To(hook).Length == 1)); // refused: not delivered
                first.Kill();
            }
            Volatile.Write(ref receiving, true);

            using var second = AppProcess.Start("Sqlite", $"Data Source={path}", Settings(firstRetrySeconds: 1));
            await second.ReadyAsync();

            Assert.True(await AlertsAppFactory.EventuallyAsync(() => receiver.To(hook).Any(h => h.Answered == 200)));
            await Task.Delay(1500); // a repeat would come within this
            var attempts = receiver.To(hook);
            Assert.Single(attempts.Select(a => a.Id).Distinct());
            Assert.Single(attempts, a => a.Answered == 200);
            Assert.Contains("United Kingdom new → 2", attempts[^1].Body);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(path + suffix);
        }
    }

    [SkippableFact]
    public async Task Two_instances_on_one_postgresql_database_send_each_alert_once()
    {
        using var database = new SharedDatabase();
        await using var receiver = new WebhookReceiver();
        var url = receiver.NewHook(out var hook);
        var a = database.StartInstance(Settings(firstRetrySeconds: 1));
        var b = database.StartInstance(Settings(firstRetrySeconds: 1));
        var slug = (await a.CreateIncidentAsync()).Slug;
        await a.SubscribeAsync(AlertTestData.Subscription(slug, "webhook", ["GB"], url: url));

        for (var i = 1; i <= 6; i++)
            await (i % 2 == 0 ? a : b).PostReportAsync(slug, AlertTestData.Killed($"{slug}-{i}", $"2013-01-17T{9 + i:00}:00:00+01:00", ("GB", i)));

        Assert.True(await AlertsAppFactory.EventuallyAsync(() => receiver.To(hook).Length >= 6));
        await Task.Delay(1500); // a second sender's copies would come within this
        var received = receiver.To(hook);
        Assert.Equal(6, received.Length);
        Assert.Equal(6, received.Select(h => h.Id).Distinct().Count());
    }
}
