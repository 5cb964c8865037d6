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
        // Alternated, so the disk's drift falls on one and two instances alike.
        foreach (var incidents in new[] { 1, 8 })
            foreach (var instances in new[] { 1, 2 })
                await IngestAsync(results, server, instances, writers: 32, TimeSpan.FromSeconds(15), incidents);
        await ApartAsync(results, server, writers: 32, TimeSpan.FromSeconds(15));
        await AcrossInstancesAsync(results, server, pages, writes: 50);
    }

    private static async Task IngestAsync(Results results, string server, int instanceCount, int writers, TimeSpan duration, int incidentCount)
    {
        await using var database = await BenchDatabase.CreateAsync(server);
        var apps = new List<AppProcess>();
        try
        {
            for (var i = 0; i < instanceCount; i++)
                apps.Add(await database.StartAppAsync());
            var incidents = new List<string> { "in-amenas" };
            using (var creator = apps[0].CreateClient(withKey: true))
                for (var i = 1; i < incidentCount; i++)
                    incidents.Add(await PageBenchmarks.CreateIncidentAsync(creator, $"several-{i}"));
            var label = $"{writers} writers over {instanceCount} instance(s), {incidentCount} incident(s), {duration.TotalSeconds:F0} s";
            var before = await database.CountReportsAsync();
            var metricsBefore = await Task.WhenAll(apps.Select(JournalMetrics.ReadAsync));
            var (acknowledged, seconds, latencies) = await CoreBenchmarks.WriteReportsAsync(apps, writers, duration, "pg-ingest", incidents);
            results.Add("postgres", label, "reports acknowledged (201) per second", acknowledged / seconds, unit: "/s");
            results.AddSamples("postgres", label, "POST latency", latencies);
            var spent = JournalMetrics.Sum(await Task.WhenAll(apps.Select(JournalMetrics.ReadAsync))) - JournalMetrics.Sum(metricsBefore);
            results.Add("postgres", label, "reports per group commit (mean)", spent.Reports / Math.Max(1, spent.Commits), unit: "");
            results.Add("postgres", label, "time of one group commit (mean)", 1000 * spent.CommitSeconds / Math.Max(1, spent.Commits));
            results.Add("postgres", label, "wait for the journal's turn, the advisory lock (mean per commit)", 1000 * spent.TurnWaitSeconds / Math.Max(1, spent.Turns));
            results.Add("postgres", label, "catch-up passes that read the log back", spent.LogPasses, unit: $" of {spent.LogPasses + spent.OfferedPasses}");
            results.Add("postgres", label, "SQL commands per acknowledged report", spent.Commands / Math.Max(1, acknowledged), unit: "");
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

    // Two instances that share nothing (each on a database of its own, so no journal turn and no catch-up of the other's
    // commits): what two processes can ingest on this machine at best, the ceiling for two instances on one database.
    private static async Task ApartAsync(Results results, string server, int writers, TimeSpan duration)
    {
        await using var first = await BenchDatabase.CreateAsync(server);
        await using var second = await BenchDatabase.CreateAsync(server);
        await using var a = await first.StartAppAsync();
        await using var b = await second.StartAppAsync();
        var (acknowledged, seconds, latencies) = await CoreBenchmarks.WriteReportsAsync([a, b], writers, duration, "pg-apart");
        var label = $"{writers} writers over 2 instance(s) on 2 databases, {duration.TotalSeconds:F0} s";
        results.Add("postgres", label, "reports acknowledged (201) per second", acknowledged / seconds, unit: "/s");
        results.AddSamples("postgres", label, "POST latency", latencies);
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

    /// <summary>What each instance's /metrics says of its journal and pictures: totals since it started.</summary>
    private sealed record JournalMetrics(double Reports, double Commits, double CommitSeconds, double TurnWaitSeconds, double Turns,
        double LogPasses, double OfferedPasses, double Commands)
    {
        public static async Task<JournalMetrics> ReadAsync(AppProcess app)
        {
            using var client = app.CreateClient(withKey: true);
            var lines = (await client.GetStringAsync("/metrics")).Split('\n');
            double Sum(string name, string? label = null) => lines
                .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length > name.Length && (l[name.Length] == ' ' || l[name.Length] == '{'))
                    && (label is null || l.Contains(label, StringComparison.Ordinal)))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            return new JournalMetrics(
                Sum("dashboard_journal_commit_size_sum"), Sum("dashboard_journal_commit_size_count"),
                Sum("dashboard_journal_commit_duration_seconds_sum"), Sum("dashboard_journal_turn_wait_seconds_sum"), Sum("dashboard_journal_turn_wait_seconds_count"),
                Sum("dashboard_pictures_passes_total", "read=\"log\""), Sum("dashboard_pictures_passes_total", "read=\"offered\""),
                Sum("dashboard_database_commands_total"));
        }

        public static JournalMetrics Sum(IEnumerable<JournalMetrics> all) => all.Aggregate(new JournalMetrics(0, 0, 0, 0, 0, 0, 0, 0), (a, b) => a + b);

        public static JournalMetrics operator +(JournalMetrics a, JournalMetrics b) => new(a.Reports + b.Reports, a.Commits + b.Commits,
            a.CommitSeconds + b.CommitSeconds, a.TurnWaitSeconds + b.TurnWaitSeconds, a.Turns + b.Turns, a.LogPasses + b.LogPasses,
            a.OfferedPasses + b.OfferedPasses, a.Commands + b.Commands);

        public static JournalMetrics operator -(JournalMetrics a, JournalMetrics b) => new(a.Reports - b.Reports, a.Commits - b.Commits,
            a.CommitSeconds - b.CommitSeconds, a.TurnWaitSeconds - b.TurnWaitSeconds, a.Turns - b.Turns, a.LogPasses - b.LogPasses,
            a.OfferedPasses - b.OfferedPasses, a.Commands - b.Commands);
    }
}
