using Dashboard.Data;
using Npgsql;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Where the tests' databases live. SQLite files by default. With a PostgreSQL server named in
/// <c>DASHBOARD_TEST_POSTGRES</c> (a connection string with the right to create databases, as .ci/run sets), the
/// PostgreSQL tests run, and <c>DASHBOARD_TEST_PROVIDER=Postgres</c> runs every suite's apps on it too (CI's second
/// pass). <c>DASHBOARD_REQUIRE_POSTGRES=1</c> turns a missing server from a skip into a failure.
/// </summary>
public static class TestDatabases
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static bool PostgresRequired => Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_POSTGRES") == "1";

    /// <summary>The provider the suites' apps run on.</summary>
    public static DatabaseProvider SuitesProvider { get; } =
        Environment.GetEnvironmentVariable("DASHBOARD_TEST_PROVIDER") is { } named && Enum.TryParse<DatabaseProvider>(named, true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    public static bool SuitesOnPostgres => SuitesProvider == DatabaseProvider.Postgres;

    /// <summary>The server for a PostgreSQL-only test; skips it, saying why, where there is none and none is required.</summary>
    public static string PostgresServerOrSkip()
    {
        if (PostgresServer is { } server)
            return server;
        Assert.False(PostgresRequired, "PostgreSQL is required here (DASHBOARD_REQUIRE_POSTGRES=1) but DASHBOARD_TEST_POSTGRES is not set.");
        Skip.If(true, "PostgreSQL test skipped: no server configured (set DASHBOARD_TEST_POSTGRES, as .ci/run does).");
        return "";
    }

    /// <summary>A connection string to the named database on the test server, created empty if it does not exist.</summary>
    public static string Postgres(string database)
    {
        var server = PostgresServer ?? throw new InvalidOperationException(
            "DASHBOARD_TEST_PROVIDER=Postgres needs a server: set DASHBOARD_TEST_POSTGRES (as .ci/run does).");
        using var admin = new NpgsqlConnection(server);
        admin.Open();
        using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin))
        {
            exists.Parameters.AddWithValue("name", database);
            if (exists.ExecuteScalar() is null)
                using (var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin))
                    create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
    }

    public static void DropPostgres(string database)
    {
        if (PostgresServer is not { } server)
            return;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(server);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    public static string NewPostgresName() => $"dashboard_test_{Guid.NewGuid():N}";
}

/// <summary>A test of SQLite's own file, locks or pragmas: skipped when the suites run on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabases.SuitesOnPostgres) Skip = "About SQLite's own file, locks or pragmas; the suites run on PostgreSQL here.";
    }
}

/// <inheritdoc cref="SqliteFactAttribute"/>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestDatabases.SuitesOnPostgres) Skip = "About SQLite's own file, locks or pragmas; the suites run on PostgreSQL here.";
    }
}
