using Microsoft.Data.Sqlite;

namespace Dashboard.Data;

/// <summary>Why the database refused a write, in words an operator can act on; the one place that knows provider error codes.</summary>
public enum DatabaseRefusal { Busy, DiskFull, ReadOnly, CannotWrite }

public static class DatabaseErrors
{
    /// <summary>The database cannot take writes right now (a refusal, not a bug), or null.</summary>
    public static DatabaseRefusal? Refusal(Exception e) => FindSqlite(e)?.SqliteErrorCode switch
    {
        5 or 6 => DatabaseRefusal.Busy,
        13 => DatabaseRefusal.DiskFull,
        8 => DatabaseRefusal.ReadOnly,
        10 or 14 => DatabaseRefusal.CannotWrite,
        _ => null,
    };

    /// <summary>A unique index refused the row: someone else wrote the same thing first.</summary>
    public static bool IsUniqueViolation(Exception e) => FindSqlite(e)?.SqliteErrorCode == 19;

    /// <summary>Whether the failure came from the database rather than from our own code.</summary>
    public static bool IsDatabaseFailure(Exception e) => FindSqlite(e) is not null;

    public static string Describe(DatabaseRefusal refusal) => refusal switch
    {
        DatabaseRefusal.Busy => "The database is busy (another process holds its write lock).",
        DatabaseRefusal.DiskFull => "The disk is full.",
        DatabaseRefusal.ReadOnly => "The database is read-only.",
        _ => "The database file cannot be written.",
    };

    private static SqliteException? FindSqlite(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqliteException sqlite) return sqlite;
        return null;
    }
}
