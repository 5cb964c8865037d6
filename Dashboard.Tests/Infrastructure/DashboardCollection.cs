namespace Dashboard.Tests.Infrastructure;

/// <summary>Tests that share one running app (and its database) and so must not run at the same time.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<DashboardFactory>
{
    public const string Name = "Shared app";
}
