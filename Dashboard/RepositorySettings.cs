using Microsoft.Extensions.Configuration.Json;

namespace Dashboard;

public static class RepositorySettings
{
    /// <summary>
    /// The shared appsettings.json lives at the repository root and is linked into the app's output; the host only
    /// looks in the content root, so add it from beside the binaries, just before appsettings.{Environment}.json.
    /// </summary>
    public static IConfigurationBuilder AddRepositorySettings(this ConfigurationManager configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        if (!File.Exists(path) || index < 0)
            return configuration;
        var shared = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        shared.ResolveFileProvider();
        sources.Insert(index + 1, shared);
        return configuration;
    }
}
