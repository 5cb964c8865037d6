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

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // Only here: on SQLite there is one instance, and it counts in memory (Security/Limits).
        model.Entity<LimitCounterEntity>(counter =>
        {
            counter.ToTable("LimitCounters");
            counter.HasKey(c => c.Key);
            counter.Property(c => c.Key).HasMaxLength(300);
        });
    }
}

/// <summary>A limit's or a lockout's count for one key in its current window, shared by every instance on PostgreSQL.</summary>
public sealed class LimitCounterEntity
{
    public required string Key { get; set; }
    public int Count { get; set; }
    public long EndsUtcTicks { get; set; }
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
