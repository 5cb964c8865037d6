using System.Data.Common;
using System.Net;
using Dashboard.Data;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>
/// A full disk or a read-only database: writes answer 503 with a clear message and change nothing, reads keep
/// working, and the database is intact afterwards. SQLite itself refuses the writes, made to on every connection
/// by <c>max_page_count</c> (no room to grow, SQLITE_FULL) or <c>query_only</c> (SQLITE_READONLY): root ignores
/// file permissions, and a test cannot fill or remount the machine's disk.
/// </summary>
public class UnwritableDatabaseTests
{
    private sealed class Fault : DbConnectionInterceptor
    {
        public string? Pragma { get; set; }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma ?? "PRAGMA query_only=0; PRAGMA max_page_count=1073741823;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            ConnectionOpenedAsync(connection, eventData).GetAwaiter().GetResult();
    }

    private sealed class FaultyApp : DashboardFactory
    {
        public Fault Fault { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Fault));
        }
    }

    [SqliteTheory]
    [InlineData("PRAGMA query_only=1;", "read-only")]
    [InlineData("PRAGMA max_page_count=1;", "disk is full")]
    public async Task Writes_answer_503_reads_keep_working_and_nothing_is_corrupt(string fault, string message)
    {
        using var app = new FaultyApp();
        var incident = await app.CreateIncidentAsync();
        var writer = app.CreateWriter();
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("before"))).StatusCode);
        if (fault.Contains("max_page_count"))
            fault = $"PRAGMA max_page_count={await PageCountAsync(app.DatabasePath)};";
        SqliteConnection.ClearAllPools();

        app.Fault.Pragma = fault;
        var during = ApiClient.ValidReport("during");
        during["statement"] = new string('x', 3900); // needs new pages, whatever room the last page has left
        var refused = await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", during);
        var read = await app.CreateClient().GetAsync($"/api/incidents/{incident.Slug}/tallies");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains(message, (string?)(await refused.JsonAsync())["detail"]);
        Assert.Contains("Nothing was written", (string?)(await refused.JsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/live")).StatusCode);

        app.Fault.Pragma = null;
        SqliteConnection.ClearAllPools();
        Assert.Equal(1, await app.Situation.CountReportsAsync(incident.Slug));
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{incident.Slug}/reports", ApiClient.ValidReport("after"))).StatusCode);
        await using var check = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await check.OpenAsync();
        await using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await integrity.ExecuteScalarAsync());
        integrity.CommandText = "SELECT count(*) FROM Reports WHERE Id IN ('before', 'during', 'after');";
        Assert.Equal(2L, await integrity.ExecuteScalarAsync());
    }

    private static async Task<long> PageCountAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "PRAGMA page_count;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
