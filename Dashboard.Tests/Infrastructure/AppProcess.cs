using System.Diagnostics;

namespace Dashboard.Tests.Infrastructure;

/// <summary>The app as its own process (the build beside the tests), on a loopback port, so it can be killed as a machine dies.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    /// <summary>Starts the app on <paramref name="provider"/> (Sqlite or Postgres) and the database the connection string names, with more settings.</summary>
    public static AppProcess Start(string provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Dashboard.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = provider;
        start.Environment["ConnectionStrings__Dashboard"] = connectionString;
        start.Environment["Ingest__ApiKeys__0"] = DashboardFactory.ApiKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__")] = value;
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
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
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
