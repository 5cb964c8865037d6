using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Architecture;

/// <summary>The database providers stay behind one seam: no SQLite or Npgsql type is named outside Dashboard/Data.</summary>
public partial class ProviderSeamTests
{
    [Fact]
    public void No_file_outside_Data_names_a_SQLite_or_PostgreSQL_type()
    {
        var app = Path.Combine(Repository.Root, "Dashboard");
        var files = Repository.AppSources(".cs", ".razor").Where(f => !Path.GetRelativePath(app, f).StartsWith("Data" + Path.DirectorySeparatorChar)).ToArray();
        Assert.NotEmpty(files);

        var offending = files.Where(f => ProviderType().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(app, f));

        Assert.Empty(offending);
    }

    [GeneratedRegex(@"\bNpgsql|Microsoft\.Data\.Sqlite|\bSqlite(Connection|Command|Exception|DataReader|Parameter|Transaction|Factory|ConnectionStringBuilder)\b")]
    private static partial Regex ProviderType();
}
