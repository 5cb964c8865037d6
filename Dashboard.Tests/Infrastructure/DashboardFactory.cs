using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The real app on its own temporary database, seeded as on first start, with one write key: a SQLite file, or a fresh
/// database on the test PostgreSQL server when the suites run there (<see cref="TestDatabases"/>).
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-0123456789";

    /// <summary>The in-memory server has no client address; a test client says which one it comes from in this header.</summary>
    public const string AddressHeader = "X-Test-Client-Address";

    public Data.DatabaseProvider Provider { get; init; } = TestDatabases.SuitesProvider;

    /// <summary>The database: a SQLite file's path, or a database's name on the PostgreSQL server. A second app given
    /// the same one runs on the same database (a restart, or another instance).</summary>
    public string DatabasePath { get; init; } = TestDatabases.SuitesOnPostgres
        ? TestDatabases.NewPostgresName()
        : Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db");

    public bool OnPostgres => Provider == Data.DatabaseProvider.Postgres;

    /// <summary>Leave the database file behind on dispose, for a test that restarts the app on it.</summary>
    public bool KeepDatabase { get; init; }

    /// <summary>Configuration this test's app runs with on top of the usual, e.g. a tighter limit.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The host environment: Development (as `dotnet run`), or Production (as deployed, with its error pages).</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Services this test's app runs with on top of the usual, e.g. a hook into picture loading.</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting(Data.DashboardDatabase.ProviderSetting, Provider.ToString());
        builder.UseSetting("ConnectionStrings:Dashboard", OnPostgres ? TestDatabases.Postgres(DatabasePath) : $"Data Source={DatabasePath}");
        builder.UseSetting("Ingest:ApiKeys:0", ApiKey);
        // Hundreds of apps start in a run: their console logs would bury what the test console says (why a test skipped).
        builder.UseSetting("Logging:Console:LogLevel:Default", "None");
        // Its own meter: apps in one test process would otherwise add up in each other's /metrics.
        builder.UseSetting("Observability:MeterName", $"Dashboard.{Guid.NewGuid():N}");
        // The suite's tests share apps, keys and the loopback address far beyond a client's minute; a test about a
        // limit sets its own.
        builder.UseSetting("RateLimits:ReadsPerMinute", "10000000");
        builder.UseSetting("RateLimits:ExpensiveReadsPerMinute", "10000000");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        // Open browser connections must not hold a stopping test server for the default 30 seconds.
        builder.ConfigureServices(services => services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ClientAddressFromHeader()));
        if (ExtraServices is { } configure)
            builder.ConfigureServices(configure);
    }

    private sealed class ClientAddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            Microsoft.AspNetCore.Builder.UseExtensions.Use(app, async (Microsoft.AspNetCore.Http.HttpContext context, Microsoft.AspNetCore.Http.RequestDelegate nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    public SituationService Situation => Services.GetRequiredService<SituationService>();

    /// <summary>A browser at <paramref name="address"/>: its own cookies, redirects shown rather than followed.</summary>
    public HttpClient BrowserFrom(string address)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    public HttpClient CreateWriter()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>Creates a fresh incident (host DZ, Algiers time) for a test that needs its own history.</summary>
    public async Task<Incident> CreateIncidentAsync(string? slug = null, string hostCountry = "DZ")
    {
        slug ??= $"test-{Guid.NewGuid():N}"[..20];
        var result = await Situation.CreateIncidentAsync(new NewIncident(
            slug, "Test incident", hostCountry, "Africa/Algiers", DateTimeOffset.Parse("2013-01-16T05:00:00+01:00"), null));
        Assert.Equal(CreateIncidentResult.Created, result);
        return (await Situation.FindIncidentAsync(slug))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (KeepDatabase)
            return;
        if (OnPostgres)
        {
            TestDatabases.DropPostgres(DatabasePath);
            return;
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}
