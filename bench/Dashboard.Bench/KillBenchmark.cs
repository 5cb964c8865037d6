using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Dashboard.Bench;

/// <summary>
/// Writers post reports while the server is killed with SIGKILL at a random moment, again and again: every report
/// that got a 201 must be in the database afterwards, and the database must pass integrity_check.
/// </summary>
public static class KillBenchmark
{
    public static async Task RunAsync(Results results, int rounds, int writers)
    {
        var path = TempDatabase.NewPath("kill");
        var random = new Random(9);
        var acknowledged = new ConcurrentBag<string>();
        var missing = 0;
        var corrupt = 0;
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                var app = await AppProcess.StartAsync(path);
                using var stop = new CancellationTokenSource();
                var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
                {
                    using var client = app.CreateClient(withKey: true);
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var id = $"kill-{round}-{w}-{i}";
                        var body = $$"""
                            {"id":"{{id}}","reportedAt":"2013-01-19T12:00:00+01:00","source":{"name":"Writer {{w}}","kind":"media"},
                             "statement":"Kill test.","figures":[{"group":"hostages","status":"killed","scope":"GB","count":{{i % 40}},"qualifier":"exact"}]}
                            """;
                        try
                        {
                            using var response = await client.PostAsync("/api/incidents/in-amenas/reports", new StringContent(body, Encoding.UTF8, "application/json"));
                            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                                acknowledged.Add(id);
                        }
                        catch (Exception)
                        {
                            // The server is gone: no answer, so nothing was promised.
                            if (stop.IsCancellationRequested) return;
                            await Task.Delay(10);
                        }
                    }
                })).ToArray();

                await Task.Delay(random.Next(300, 2500));
                app.KillHard();
                stop.Cancel();
                await Task.WhenAll(tasks);
                await app.DisposeAsync();

                // Read the file as the killed process left it (WAL and all), before anything else opens it.
                await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
                await connection.OpenAsync();
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                if ((string?)await check.ExecuteScalarAsync() != "ok")
                    corrupt++;
                check.CommandText = "SELECT Id FROM Reports WHERE Id LIKE 'kill-%'";
                var stored = new HashSet<string>();
                await using (var reader = await check.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
                missing = acknowledged.Count(id => !stored.Contains(id));
                Console.WriteLine($"  round {round + 1}: {acknowledged.Count} acknowledged so far, {missing} missing, integrity {(corrupt == 0 ? "ok" : "FAILED")}");
            }
            results.Add("kill -9", $"{rounds} rounds, {writers} writers", "reports acknowledged across all rounds", acknowledged.Count, unit: "");
            results.Add("kill -9", $"{rounds} rounds, {writers} writers", "acknowledged reports missing after the kills", missing, unit: "");
            results.Add("kill -9", $"{rounds} rounds, {writers} writers", "rounds where integrity_check failed", corrupt, unit: "");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }
}
