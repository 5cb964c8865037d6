using Npgsql;

namespace Dashboard.Bench;

/// <summary>
/// The app on PostgreSQL (durable: synchronous_commit=on), as published, one or two instances on one database: ingest
/// with 32 writers, and a write through one instance reaching pages open on the other. The server comes from
/// DASHBOARD_BENCH_POSTGRES (a connection string with the right to create databases).
/// </summary>
public static class PostgresBenchmarks
{
    public static async Task RunAsync(Results results, int pages)
    {
        var server = Environment.GetEnvironmentVariable("DASHBOARD_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set DASHBOARD_BENCH_POSTGRES to a PostgreSQL server's connection string (see bench/RESULTS.md).");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var setting = new NpgsqlCommand("SHOW synchronous_commit", admin);
            results.Add("postgres", "server", "synchronous_commit is on (each commit flushed to disk)", (string)(await setting.ExecuteScalarAsync())! == "on" ? 1 : 0, unit: "");
        }
        foreach (var instances in new[] { 1, 2 })
            await IngestAsync(results, server, instances, writers: 32, TimeSpan.FromSeconds(15));
        await AcrossInstancesAsync(results, server, pages, writes: 50);
    }

    private static async Task IngestAsync(Results results, string server, int instanceCount, int writers, TimeSpan duration)
    {
        await using var database = await BenchDatabase.CreateAsync(server);
        var apps = new List<AppProcess>();
        try
        {
            for (var i = 0; i < instanceCount; i++)
                apps.Add(await database.StartAppAsync());
            var label = $"{writers} writers over {instanceCount} instance(s), {duration.TotalSeconds:F0} s";
            var before = await database.CountReportsAsync();
            var (acknowledged, seconds, latencies) = await CoreBenchmarks.WriteReportsAsync(apps, writers, duration, "pg-ingest");
            results.Add("postgres", label, "reports acknowledged (201) per second", acknowledged / seconds, unit: "/s");
            results.AddSamples("postgres", label, "POST latency", latencies);
            foreach (var app in apps)
                await app.DisposeAsync();
            apps.Clear();
            results.Add("postgres", label, "acknowledged reports missing after stop", acknowledged - (await database.CountReportsAsync() - before), unit: "");
        }
        finally
        {
            foreach (var app in apps)
                await app.DisposeAsync();
        }
    }

    private static async Task AcrossInstancesAsync(Results results, string server, int pageCount, int writes)
    {
        await using var database = await BenchDatabase.CreateAsync(server);
        await using var a = await database.StartAppAsync();
        await using var b = await database.StartAppAsync();
        using var writer = a.CreateClient(withKey: true);
        var slug = await PageBenchmarks.CreateIncidentAsync(writer, "across");
        await PageBenchmarks.PostAsync(writer, slug, 0, 1);

        var (latencies, missed) = await PageBenchmarks.WriteToPagesAsync(writer, b.Address, slug, pageCount, writes);
        var label = $"{pageCount} pages open on instance B, {writes} writes through A";
        results.AddSamples("postgres", label, "POST to A sent → new number on every page on B", latencies);
        results.Add("postgres", label, "updates not seen within 5 s", missed, unit: "");
    }

    private sealed class BenchDatabase(string server, string name) : IAsyncDisposable
    {
        private string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();

        public static async Task<BenchDatabase> CreateAsync(string server)
        {
            var name = $"dashboard_bench_{Guid.NewGuid():N}";
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
            return new BenchDatabase(server, name);
        }

        public Task<AppProcess> StartAppAsync() =>
            AppProcess.StartAsync("unused", ("Database__Provider", "Postgres"), ("ConnectionStrings__Dashboard", ConnectionString));

        public async Task<long> CountReportsAsync()
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM \"Reports\"", connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
