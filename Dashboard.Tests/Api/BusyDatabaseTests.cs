using System.Net;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    // A write meeting another's lock (the alerts' reader moving its cursor, say) waits in SQLite's own busy handler,
    // which tries again within milliseconds. Left to Microsoft.Data.Sqlite, it sleeps 150 ms between tries, blocking its
    // thread: about one write in a hundred took 157 ms in `bench/run mixed` with a single writer.
    [SqliteFact]
    public async Task Every_connection_waits_for_a_busy_database_in_sqlites_own_handler_for_the_busy_timeout()
    {
        using var app = new DashboardFactory { Settings = { ["Database:BusyTimeoutSeconds"] = "3" } };
        await using var db = app.Services.GetRequiredService<Dashboard.Data.DashboardDatabase>().CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var ask = db.Database.GetDbConnection().CreateCommand();
        ask.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal(3000L, (long)(await ask.ExecuteScalarAsync())!);
    }
}

/// <summary>Holds the next commit until released, as a slow disk would: the journal's one writer waits in it.</summary>
public sealed class HoldNextCommit : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>Completes once a commit is being held.</summary>
    public Task Holding => _held.Task;

    public void Release() => _release.TrySetResult();

    public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction,
        Microsoft.EntityFrameworkCore.Diagnostics.TransactionEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _held.TrySetResult();
            await _release.Task;
        }
        return result;
    }
}

/// <summary>The journal's queue is bounded (issue 25, finding 2): one write more than Database:WriteQueueLength waits for is refused at the door.</summary>
public class WriteQueueTests
{
    [Fact]
    public async Task A_write_beyond_the_queues_length_is_answered_503_with_retry_after_and_writes_nothing()
    {
        var hold = new HoldNextCommit();
        using var app = new DashboardFactory
        {
            // The next commit held must be the writer's: the alerts' reader, which commits after each change, is off.
            Settings = { ["Database:WriteQueueLength"] = "1", ["Alerts:Enabled"] = "false" },
            ExtraServices = services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(services, hold),
        };
        var incident = await app.CreateIncidentAsync();
        var writer = app.CreateWriter();

        hold.Arm();
        var inTheWritersHands = writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("held-1"));
        await hold.Holding.WaitAsync(TimeSpan.FromSeconds(30));
        // Two more while the writer is held: the queue takes one, the other is refused at once.
        Task<HttpResponseMessage>[] more = [
            writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("more-2")),
            writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("more-3"))];
        var refused = await await Task.WhenAny(more).WaitAsync(TimeSpan.FromSeconds(30));
        hold.Release();
        var queued = await more.Single(task => !task.IsCompleted || task.Result != refused);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("waiting", (string?)(await refused.JsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.Created, (await inTheWritersHands).StatusCode);
        Assert.Equal(HttpStatusCode.Created, queued.StatusCode);
        Assert.Equal(2, await app.Situation.CountReportsAsync(incident.Slug));
    }
}
