namespace Dashboard.Data.Postgres;

/// <summary>A PostgreSQL database is backed up by the server's own tool, which takes a consistent copy while instances write.</summary>
public static class PostgresBackup
{
    /// <summary>The <c>pg_dump</c> command line that backs up the database of <paramref name="connectionString"/> to <paramref name="target"/>.</summary>
    public static string DumpCommand(string connectionString, string target)
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // Never the password: the operator has it, and this line may end up in a log.
        return $"pg_dump --format=custom --host={connection.Host} --port={connection.Port} --username={connection.Username} " +
            $"--dbname={connection.Database} --file={target}";
    }
}
