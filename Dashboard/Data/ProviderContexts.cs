using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Data;

/// <summary>The model on an embedded SQLite file: migrations in Data/Migrations.</summary>
public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options);

/// <summary>
/// The same model on PostgreSQL, with its own migrations (Data/Postgres/Migrations). A report's instant keeps the
/// offset it was given: PostgreSQL's timestamptz keeps only the UTC instant, so instants are stored as text with their
/// offset, as SQLite stores them; ordering and as-of lookups use the UTC ticks columns on both.
/// </summary>
public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToStringConverter>();
    }
}

// For `dotnet ef migrations add <Name> --context SqliteDashboardDbContext` (or PostgresDashboardDbContext, with
// -o Data/Postgres/Migrations): adding a migration needs no database.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDashboardDbContext>
{
    public SqliteDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDashboardDbContext>
{
    public PostgresDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql("Host=127.0.0.1;Database=dashboard").Options);
}
