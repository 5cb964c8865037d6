using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Instances;

/// <summary>An instance killed outright (SIGKILL) while it and another take writes on one PostgreSQL database.</summary>
public class KillTests
{
    [SkippableFact]
    public async Task An_instance_killed_during_writes_loses_nothing_it_acknowledged_and_the_other_keeps_serving()
    {
        using var database = new SharedDatabase();
        var b = database.StartInstance();
        var slug = (await b.CreateIncidentAsync()).Slug;
        using var a = AppProcess.Start(TestDatabases.Postgres(database.Name));
        await a.ReadyAsync();
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            using var writer = w % 2 == 0 ? a.CreateWriter() : b.CreateWriter();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"k{w}-{i}";
                try
                {
                    if ((await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport(id, 1 + (w + i) % 30))).StatusCode == HttpStatusCode.Created)
                        acknowledged.Add(id);
                }
                catch (HttpRequestException) { await Task.Delay(50); } // the killed instance: refused, or cut off mid-answer
            }
        })).ToArray();
        // Killed once writes are flowing through both, however fast the machine; the writers go on a while after.
        Assert.True(await SharedDatabase.EventuallyAsync(() => Task.FromResult(acknowledged.Count > 20), TimeSpan.FromSeconds(30)),
            $"only {acknowledged.Count} writes acknowledged before the kill");
        var ackedBeforeKill = acknowledged.Count;
        a.Kill();
        stop.CancelAfter(TimeSpan.FromSeconds(3));
        await Task.WhenAll(writers);

        Assert.True(ackedBeforeKill > 20, $"only {ackedBeforeKill} writes before the kill");
        Assert.True(acknowledged.Count > ackedBeforeKill, "B stopped taking writes when A was killed");
        var c = database.StartInstance();
        var stored = (await c.Situation.GetHistoryAsync(slug))!.Select(h => h.Report.Id).ToArray();
        Assert.Equal(stored.Length, stored.Distinct().Count());
        Assert.Empty(acknowledged.Except(stored));
        var fresh = (await c.CreateClient().TalliesAsync(slug)).ToJsonString();
        Assert.True(await SharedDatabase.EventuallyAsync(async () => (await b.CreateClient().TalliesAsync(slug)).ToJsonString() == fresh),
            "B disagrees with a fresh instance after A was killed");
    }

    /// <summary>The app as its own process (the build beside the tests), so it can be killed as a machine dies.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Uri _address;

        private AppProcess(Process process, Uri address) => (_process, _address) = (process, address);

        public static AppProcess Start(string connectionString)
        {
            var port = LoopbackPorts.Free();
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Dashboard.dll")])
            {
                WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Dashboard"] = connectionString;
            start.Environment["Ingest__ApiKeys__0"] = DashboardFactory.ApiKey;
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        }

        public async Task ReadyAsync()
        {
            using var probe = CreateWriter();
            var until = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < until && !_process.HasExited)
            {
                try
                {
                    if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                        return;
                }
                catch (HttpRequestException) { }
                await Task.Delay(100);
            }
            throw new InvalidOperationException("The app process did not become ready.");
        }

        public HttpClient CreateWriter()
        {
            var client = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Add("X-Api-Key", DashboardFactory.ApiKey);
            return client;
        }

        public void Kill()
        {
            _process.Kill(); // SIGKILL: no shutdown, no flushing, as a machine dies
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                Kill();
            _process.Dispose();
        }

    }
}
