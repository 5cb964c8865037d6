using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Data;

/// <summary>Why the database refused a write, in words an operator can act on.</summary>
public enum DatabaseRefusal { Busy, DiskFull, ReadOnly, CannotWrite, Unreachable, QueueFull }

/// <summary>The journal's queue of writes is full: refused at the door, before anything is queued or written.</summary>
public sealed class WriteQueueFullException(int length)
    : Exception($"{length} writes are already waiting for the database; this one was not queued.");

/// <summary>The one place that knows the providers' error codes (SQLite result codes, PostgreSQL SQLSTATEs).</summary>
public static class DatabaseErrors
{
    /// <summary>The database cannot take writes right now (a refusal, not a bug), or null.</summary>
    public static DatabaseRefusal? Refusal(Exception e) => Find(e) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode switch
        {
            5 or 6 => DatabaseRefusal.Busy,
            13 => DatabaseRefusal.DiskFull,
            8 => DatabaseRefusal.ReadOnly,
            10 or 14 => DatabaseRefusal.CannotWrite,
            _ => null,
        },
        PostgresException postgres => postgres.SqlState switch
        {
            // Serialization failure, deadlock, lock not available, statement timeout, too many connections.
            "40001" or "40P01" or "55P03" or "57014" or "53300" => DatabaseRefusal.Busy,
            "53100" => DatabaseRefusal.DiskFull,
            "25006" => DatabaseRefusal.ReadOnly,
            // Shutting down, crashed, starting up; connection failures; the database itself gone or not taking connections.
            "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" or "08001" or "08004" or "3D000" => DatabaseRefusal.Unreachable,
            _ => null,
        },
        // Not an answer from the server: it could not be reached, or did not answer in time.
        NpgsqlException => DatabaseRefusal.Unreachable,
        WriteQueueFullException => DatabaseRefusal.QueueFull,
        _ => null,
    };

    /// <summary>A unique index refused the row: someone else wrote the same thing first.</summary>
    public static bool IsUniqueViolation(Exception e) => Find(e) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Whether the failure came from the database rather than from our own code.</summary>
    public static bool IsDatabaseFailure(Exception e) => Find(e) is not null;

    public static string Describe(DatabaseRefusal refusal) => refusal switch
    {
        DatabaseRefusal.Busy => "The database is busy (another process holds its write lock).",
        DatabaseRefusal.DiskFull => "The disk is full.",
        DatabaseRefusal.ReadOnly => "The database is read-only.",
        DatabaseRefusal.Unreachable => "The database server cannot be reached or did not answer in time.",
        DatabaseRefusal.QueueFull => "Too many writes are already waiting for the database.",
        _ => "The database file cannot be written.",
    };

    private static Exception? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqliteException or NpgsqlException or WriteQueueFullException) return e;
        return null;
    }
}
