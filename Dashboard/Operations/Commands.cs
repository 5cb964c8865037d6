using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Operations;

/// <summary>
/// The app's commands, run instead of the server when the first argument names one: <c>create-admin &lt;email&gt;</c> and
/// <c>backup &lt;file&gt;</c>. A command given wrongly says how to give it and exits 2; it never starts the server instead.
/// </summary>
public static class Commands
{
    public const string BackupAction = "backup";

    public const string Usage = "Commands: dotnet run --project Dashboard -- create-admin <email>  |  dotnet run --project Dashboard -- backup <file>";

    /// <summary>The command's exit code, or null when the arguments name no command (start the server).</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["create-admin", var email] when email.Contains('@'):
                await services.MigrateDashboardDatabaseAsync();
                return await Access.FirstAdmin.CreateAsync(services, email, output);
            case ["backup", var target] when !string.IsNullOrWhiteSpace(target) && services.GetRequiredService<DashboardDatabase>().Provider == DatabaseProvider.Postgres:
                // The server's own tool takes a consistent copy while the instances keep writing; a copy of a file cannot.
                error.WriteLine($"The dashboard runs on PostgreSQL: back it up with the server's own tool, e.g. {Data.Postgres.PostgresBackup.DumpCommand(services.GetRequiredService<DashboardDatabase>().ConnectionString, target)} " +
                    "(restore with pg_restore into an empty database). Nothing was written.");
                return 1;
            case ["backup", var target] when !string.IsNullOrWhiteSpace(target):
                var path = Path.GetFullPath(target);
                if (File.Exists(path))
                {
                    error.WriteLine($"{path} exists already; a backup never overwrites a file. Name a new file.");
                    return 1;
                }
                await Data.Sqlite.SqliteBackup.BackupAsync(services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), path);
                // In the audit log, where the Operations panel finds the last backup.
                await services.GetRequiredService<Access.AuditLog>().RecordAsync(new Situation.Actor("backup command", null), BackupAction, $"Backed up to {path}.");
                output.WriteLine($"Backed up the dashboard database to {path}. To restore, stop the app and point ConnectionStrings:Dashboard at it (or copy it over the database file).");
                return 0;
            case ["create-admin" or "backup", ..]:
                error.WriteLine($"'{string.Join(' ', args)}' is not how the command is given. {Usage}");
                return 2;
            default:
                return null;
        }
    }
}
