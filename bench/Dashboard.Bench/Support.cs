using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Bench;

public static class Stats
{
    public static (double P50, double P95, double P99) Percentiles(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.95), At(0.99));
    }

    public static async Task<List<double>> TimeAsync(int times, Func<int, Task> action)
    {
        var samples = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await action(i);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return samples;
    }
}

/// <summary>The app's own situation service and database registrations, hosted in this process on one SQLite file.</summary>
public sealed class LocalSituation : IAsyncDisposable
{
    private readonly IHost _host;

    private LocalSituation(IHost host) => _host = host;

    public static readonly Actor Bench = new("bench", null);

    public SituationService Service => _host.Services.GetRequiredService<SituationService>();
    public IServiceProvider Services => _host.Services;
    public DatabaseCommandCounter Commands => _host.Services.GetRequiredService<DatabaseCommandCounter>();

    public static async Task<LocalSituation> OpenAsync(string databasePath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:Dashboard"] = $"Data Source={databasePath}";
        // The app's instruments, recording into nothing (the database counter reports through them).
        builder.Configuration[Dashboard.Observability.ObservabilityExtensions.EnabledSetting] = "false";
        builder.Services.AddMetrics();
        Dashboard.Observability.ObservabilityExtensions.AddObservability(builder.Services, builder.Configuration);
        builder.Services.AddDashboardData();
        builder.Services.AddSituation(builder.Configuration);
        var host = builder.Build();
        await host.Services.MigrateDashboardDatabaseAsync();
        // Starts the journal's writer (and the pictures' watch), as the app's host does.
        await host.StartAsync();
        return new LocalSituation(host);
    }

    public async Task<Incident> CreateIncidentAsync(string slug)
    {
        await Service.CreateIncidentAsync(new NewIncident(slug, slug, "DZ", "Africa/Algiers", DateTimeOffset.Parse("2013-01-16T05:00:00+01:00"), null), Bench);
        return (await Service.FindIncidentAsync(slug))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>The built app started as its own process on 127.0.0.1, as an operator would run it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string ApiKey = "bench-key";
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }
    public int ProcessId => _process.Id;

    /// <param name="gzip">Ask for gzip and inflate what comes, as browsers and most HTTP clients do.</param>
    public HttpClient CreateClient(bool withKey = false, bool gzip = false)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, AutomaticDecompression = gzip ? DecompressionMethods.GZip : DecompressionMethods.None };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (withKey) client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public static async Task<AppProcess> StartAsync(string databasePath, params (string Name, string Value)[] environment)
    {
        var port = FreePort();
        // BENCH_APP: another build of the app (an earlier commit, for a before/after comparison).
        var dll = Environment.GetEnvironmentVariable("BENCH_APP") ?? Path.Combine(RepositoryRoot(), "bench", ".app", "Dashboard.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException("Publish the app first (bench/run does): dotnet publish Dashboard -c Release -o bench/.app", dll);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Dashboard"] = $"Data Source={databasePath}";
        start.Environment["Ingest__ApiKeys__0"] = ApiKey;
        // The bench measures the situation under load, not signing in: pages open as they do in Development.
        start.Environment["Access__RequireSignIn"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The bench is one client asking far more than a person would; it measures the work, not the limits.
        start.Environment["RateLimits__ReadsPerMinute"] = "100000000";
        start.Environment["RateLimits__ExpensiveReadsPerMinute"] = "100000000";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        // BENCH_APP_ENV="Name=value;Name=value": settings for a diagnostic run (e.g. EF's command log).
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_APP_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            start.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var process = Process.Start(start)!;
        // BENCH_APP_LOG=<file>: keep the app's console output there (a diagnostic run); otherwise it is dropped.
        var log = Environment.GetEnvironmentVariable("BENCH_APP_LOG") is { Length: > 0 } logPath ? TextWriter.Synchronized(new StreamWriter(logPath, append: true) { AutoFlush = true }) : null;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log?.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[app] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = app.CreateClient();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/api/incidents")).IsSuccessStatusCode)
                    return app;
            }
            catch (HttpRequestException) { }
            if (process.HasExited)
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not start within 60 s.");
    }

    /// <summary>Live managed heap after a full collection, as dotnet-gcdump (a repository tool) reports it.</summary>
    public async Task<long> LiveHeapBytesAsync()
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", "report", "-p", ProcessId.ToString()])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var gcdump = Process.Start(start)!;
        var output = await gcdump.StandardOutput.ReadToEndAsync();
        await gcdump.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes"))
            ?? throw new InvalidOperationException("dotnet-gcdump gave no heap size (run 'dotnet tool restore'): " + output);
        return long.Parse(line.Trim().Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The process's peak resident memory so far (VmHWM), and its resident memory now (VmRSS).</summary>
    public (long PeakBytes, long CurrentBytes) ResidentMemory()
    {
        var status = File.ReadAllLines($"/proc/{ProcessId}/status");
        long Kilobytes(string field) => long.Parse(status.First(l => l.StartsWith(field)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return (Kilobytes("VmHWM:"), Kilobytes("VmRSS:"));
    }

    /// <summary>CPU time the app has used so far (user and system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing the app can do about it.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Dashboard.sln not found");
    }
}

public static class TempDatabase
{
    public static string NewPath(string name) => Path.Combine(Path.GetTempPath(), $"dashboard-bench-{name}-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
    }
}
