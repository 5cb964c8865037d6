using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Sqlite;

/// <summary>A SQLite database is backed up with <c>VACUUM INTO</c>: a consistent copy, safe while the app keeps writing.</summary>
public static class SqliteBackup
{
    /// <summary>A consistent copy of the database at <paramref name="path"/>, taken while writes go on; never over a file.</summary>
    public static async Task BackupAsync(IDbContextFactory<DashboardDbContext> contexts, string path)
    {
        if (File.Exists(path))
            throw new InvalidOperationException($"{path} exists already; a backup never overwrites a file.");
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {path}");
    }
}
