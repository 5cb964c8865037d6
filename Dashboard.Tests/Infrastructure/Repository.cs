namespace Dashboard.Tests.Infrastructure;

/// <summary>The clone the tests run from: the folder holding Dashboard.sln, above the tests' build output.</summary>
public static class Repository
{
    private static readonly string? Found = Locate();

    /// <summary>The repository's root folder; null when the tests run from somewhere that is not a clone.</summary>
    public static string? RootOrNull => Found;

    public static string Root => Found ?? throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The app's own source files ending in one of <paramref name="extensions"/>, build output and npm packages aside.</summary>
    public static IReadOnlyList<string> AppSources(params string[] extensions)
    {
        var app = Path.Combine(Root, "Dashboard");
        return [.. Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(f.EndsWith))
            .Where(f => Path.GetRelativePath(app, f).Split(Path.DirectorySeparatorChar) is [not ("bin" or "obj" or "node_modules"), ..])];
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
                return dir.FullName;
        return null;
    }
}
