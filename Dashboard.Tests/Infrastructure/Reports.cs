using Dashboard.Situation;

namespace Dashboard.Tests.Infrastructure;

/// <summary>Builds reports for tests in the fewest words.</summary>
public static class Reports
{
    public static readonly Source Ministry = new("Interior ministry", SourceKind.Government);
    public static readonly Source Press = new("Press agency", SourceKind.Media);
    public static readonly Source Kidnappers = new("Kidnappers", SourceKind.Perpetrator);

    public static NewReport Figures(string at, Source source, params Figure[] figures) =>
        new(Guid.NewGuid().ToString("N"), DateTimeOffset.Parse(at), source, "Statement.", null, figures, null, []);

    public static Figure HostagesKilled(int count, Qualifier qualifier = Qualifier.Exact, string scope = Scopes.All) =>
        new(FigureGroup.Hostages, FigureStatus.Killed, scope, null, count, qualifier);
}
