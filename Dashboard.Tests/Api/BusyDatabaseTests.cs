using System.Net;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Api;

/// <summary>Another process holding the database's write lock: the API waits a bounded time, then answers 503.</summary>
public class BusyDatabaseTests
{
    [SqliteFact]
    public async Task A_write_blocked_by_another_writer_is_answered_503_with_retry_after_and_goes_through_once_it_lets_go()
    {
        using var app = new DashboardFactory { Settings = { ["Database:BusyTimeoutSeconds"] = "1" } };
        var incident = await app.CreateIncidentAsync();
        var writer = app.CreateWriter();

        HttpResponseMessage blocked;
        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE;";
            await hold.ExecuteNonQueryAsync();

            blocked = await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("blocked-report"));

            hold.CommandText = "ROLLBACK;";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), blocked.Headers.RetryAfter?.Delta);
        Assert.Contains("busy", (string?)(await blocked.JsonAsync())["detail"]);
        Assert.Equal(0, await app.Situation.CountReportsAsync(incident.Slug));

        var retried = await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("blocked-report"));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, await app.Situation.CountReportsAsync(incident.Slug));
    }
}
