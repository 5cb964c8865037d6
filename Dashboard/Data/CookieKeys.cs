using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// The keys that protect cookies live in the database, so every instance on it reads every other's cookies and a restart
/// keeps them. A database that has none yet takes over the keys an earlier version kept in files
/// (<c>DataProtection:ImportKeysFrom</c>, by default ASP.NET Core's own folder) when it is a SQLite database, so an
/// upgrade does not sign everyone out or send unattended walls to the sign-in page.
/// </summary>
public static class CookieKeys
{
    public const string ImportSetting = "DataProtection:ImportKeysFrom";

    public static IServiceCollection AddCookieKeys(this IServiceCollection services)
    {
        // No application name: the default (the content root) is what cookies made before were protected for, and every
        // instance of one deployment runs from the same path.
        services.AddDataProtection().PersistKeysToDbContext<DashboardDbContext>();
        return services;
    }

    /// <summary>Copies the key files of <c>DataProtection:ImportKeysFrom</c> into an empty key table; the number copied.</summary>
    public static async Task<int> ImportEarlierKeysAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        // Only an embedded database can predate this: PostgreSQL deployments began with their keys in the database.
        if (services.GetRequiredService<DashboardDatabase>().Provider != DatabaseProvider.Sqlite)
            return 0;
        var folder = services.GetRequiredService<IConfiguration>()[ImportSetting] ?? DefaultFolder();
        if (folder is null || !Directory.Exists(folder))
            return 0;
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        if (await db.DataProtectionKeys.AnyAsync(cancellationToken))
            return 0;
        var files = Directory.GetFiles(folder, "key-*.xml");
        foreach (var file in files)
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        await db.SaveChangesAsync(cancellationToken);
        return files.Length;
    }

    // Where ASP.NET Core keeps keys on Linux when nothing is configured.
    private static string? DefaultFolder() =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".aspnet", "DataProtection-Keys") : null;
}
