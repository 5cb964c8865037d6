using Dashboard.Data;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Instances;

/// <summary>Several app instances on one PostgreSQL database, as behind a reverse proxy; the database goes with the last.</summary>
public sealed class SharedDatabase : IDisposable
{
    private readonly List<DashboardFactory> _instances = [];

    public SharedDatabase() => TestDatabases.PostgresServerOrSkip();

    public string Name { get; } = TestDatabases.NewPostgresName();

    public DashboardFactory StartInstance(Dictionary<string, string>? settings = null)
    {
        var instance = new DashboardFactory { Provider = DatabaseProvider.Postgres, DatabasePath = Name, KeepDatabase = true, Settings = settings ?? [] };
        _ = instance.Server; // started now, as a deployed instance is, not on its first request
        _instances.Add(instance);
        return instance;
    }

    /// <summary>An instance listening on a real loopback port, as behind nginx; its address.</summary>
    public (DashboardFactory Instance, Uri Address) StartListeningInstance(Dictionary<string, string>? settings = null)
    {
        var instance = new DashboardFactory { Provider = DatabaseProvider.Postgres, DatabasePath = Name, KeepDatabase = true, Settings = settings ?? [] };
        instance.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        instance.StartServer();
        _instances.Add(instance);
        var addresses = instance.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!;
        return (instance, new Uri(addresses.Addresses.First()));
    }

    /// <summary>Waits (up to <paramref name="within"/>) until <paramref name="holds"/> is true, as a person watching a screen would.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> holds, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (!await holds())
        {
            if (DateTime.UtcNow > until)
                return false;
            await Task.Delay(25);
        }
        return true;
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
            instance.Dispose();
        TestDatabases.DropPostgres(Name);
    }
}
