namespace Dashboard.Tests.Infrastructure;

/// <summary>The article the In Amenas seed is curated from, in ../shared/seed beside the repository.</summary>
public static class SeedArticle
{
    public static string Path { get; } = Locate();

    public static string Text => File.ReadAllText(Path);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                var article = System.IO.Path.Combine(dir.FullName, "..", "shared", "seed", "in-amenas-article.txt");
                return File.Exists(article)
                    ? System.IO.Path.GetFullPath(article)
                    : throw new FileNotFoundException("The seed article must be at ../shared/seed/ beside the repository.", article);
            }
        }
        throw new DirectoryNotFoundException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
