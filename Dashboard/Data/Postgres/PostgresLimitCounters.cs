using Dashboard.Security.Limits;
using Npgsql;

namespace Dashboard.Data.Postgres;

/// <summary>
/// Counts kept in PostgreSQL's <c>LimitCounters</c> table: one statement per count, atomic under concurrency, so a
/// limit or a lockout holds in total whichever instance a request reaches. Ended windows are swept now and then.
/// </summary>
public sealed class PostgresLimitCounters(DashboardDatabase database, TimeProvider clock) : ILimitCounters
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(5);
    private long _lastSweepTicks;

    private const string Count = """
        INSERT INTO "LimitCounters" ("Key", "Count", "EndsUtcTicks") VALUES (@key, 1, @ends)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN "LimitCounters"."EndsUtcTicks" <= @now THEN 1 ELSE "LimitCounters"."Count" + 1 END,
            "EndsUtcTicks" = CASE WHEN "LimitCounters"."EndsUtcTicks" <= @now OR @renew THEN @ends ELSE "LimitCounters"."EndsUtcTicks" END
        RETURNING "Count", "EndsUtcTicks"
        """;

    public async Task<WindowCount> CountAsync(string key, TimeSpan window, bool renewWindow = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await SweepNowAndThenAsync(now, cancellationToken);
        await using var command = Postgres.CreateCommand(Count);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("ends", (now + window).UtcTicks);
        command.Parameters.AddWithValue("renew", renewWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new WindowCount(reader.GetInt32(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
    }

    public async Task<int> PeekAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var command = Postgres.CreateCommand("""SELECT "Count" FROM "LimitCounters" WHERE "Key" = @key AND "EndsUtcTicks" > @now""");
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", clock.GetUtcNow().UtcTicks);
        return await command.ExecuteScalarAsync(cancellationToken) is int count ? count : 0;
    }

    public async Task ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var command = Postgres.CreateCommand("""DELETE FROM "LimitCounters" WHERE "Key" = @key""");
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task SweepNowAndThenAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < SweepEvery.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
            return;
        await using var command = Postgres.CreateCommand("""DELETE FROM "LimitCounters" WHERE "EndsUtcTicks" <= @now""");
        command.Parameters.AddWithValue("now", now.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlDataSource Postgres => database.Postgres ?? throw new InvalidOperationException("Limit counters in the database need PostgreSQL.");
}
