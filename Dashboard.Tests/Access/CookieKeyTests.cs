using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>Cookie keys kept in files by an earlier version are taken into the database on the first start after an upgrade.</summary>
public class CookieKeyTests
{
    [SqliteFact]
    public void Keys_an_earlier_version_kept_in_files_protect_cookies_after_the_upgrade()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-keys-").FullName;
        try
        {
            // As the app did before keys moved into the database: ASP.NET Core's key files in a folder.
            DataProtectionProvider.Create(new DirectoryInfo(folder)).CreateProtector("earlier").Protect("a cookie");
            var earlierKey = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(folder, "key-*.xml")))["key-".Length..];

            using var app = new DashboardFactory { Settings = { ["DataProtection:ImportKeysFrom"] = folder } };
            var keys = app.Services.GetRequiredService<IKeyManager>().GetAllKeys();

            Assert.Contains(keys, k => k.KeyId == Guid.Parse(earlierKey));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_fresh_database_without_earlier_keys_makes_its_own()
    {
        using var app = new DashboardFactory { Settings = { ["DataProtection:ImportKeysFrom"] = Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}") } };
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        Assert.Equal("a cookie", protector.Unprotect(protector.Protect("a cookie")));
    }
}
