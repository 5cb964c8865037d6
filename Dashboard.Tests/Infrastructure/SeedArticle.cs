namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The article the In Amenas seed is curated from, in ../shared/seed beside the repository. A clone of this repository
/// alone has no such folder: the word-for-word checks then skip, saying why, unless CI requires them
/// (DASHBOARD_REQUIRE_SEED_ARTICLE=1, as .ci/run sets).
/// </summary>
public static class SeedArticle
{
    private static readonly (string? Path, string? Missing) Found = Locate();
    private static string? FoundPath => Found.Path;
    private static string? MissingReason => Found.Missing;

    public static bool Required => Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_SEED_ARTICLE") == "1";

    /// <summary>The article's text; skips the test where the article is absent and not required.</summary>
    public static string TextOrSkip()
    {
        if (FoundPath is null)
        {
            Assert.False(Required, $"The seed article is required here but missing: {MissingReason}");
            Skip.If(true, $"Seed article check skipped: {MissingReason}");
        }
        return File.ReadAllText(FoundPath!);
    }

    private static (string? Path, string? Missing) Locate()
    {
        if (Repository.RootOrNull is not { } root)
            return (null, "Dashboard.sln not found above " + AppContext.BaseDirectory);
        var article = Path.GetFullPath(Path.Combine(root, "..", "shared", "seed", "in-amenas-article.txt"));
        return File.Exists(article) ? (article, null) : (null, $"{article} is not there (clone the repository with ../shared beside it)");
    }
}
