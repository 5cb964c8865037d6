using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Architecture;

/// <summary>Folders are namespaces: a type is found where its namespace says, and a namespace holds what its folder does.</summary>
public partial class FolderNamespaceTests
{
    [Fact]
    public void Every_file_of_the_app_declares_the_namespace_of_its_folder()
    {
        var app = Path.Combine(Repository.Root, "Dashboard");
        var files = Repository.AppSources(".cs")
            .Where(f => Path.GetFileName(f) != "Program.cs") // top-level statements: no namespace
            .ToArray();
        Assert.NotEmpty(files);

        var misplaced = files
            .Select(f => (File: Path.GetRelativePath(app, f), Declared: Namespace().Match(File.ReadAllText(f)).Groups[1].Value,
                Expected: string.Join('.', ["Dashboard", .. Path.GetDirectoryName(Path.GetRelativePath(app, f))!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)])))
            .Where(f => f.Declared != f.Expected)
            .Select(f => $"{f.File}: {f.Declared} (folder says {f.Expected})");

        Assert.Empty(misplaced);
    }

    [GeneratedRegex(@"^namespace ([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
