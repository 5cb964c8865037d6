using System.Text.Json.Serialization;
using Dashboard.Situation.Live;

namespace Dashboard.Situation;

/// <summary>
/// One key's headline through the incident: the moments it changed (each with its count, qualifier, range, source and
/// grade), and beside the line, never joined to it, the claims made and the figures withdrawn.
/// </summary>
public sealed record HeadlineHistory(HistoryKey Key, IReadOnlyList<HeadlineStep> Steps, IReadOnlyList<HistoryFigure> Claims, IReadOnlyList<HistoryFigure> Withdrawn)
{
    /// <summary>The key's history in <paramref name="state"/> up to <paramref name="asOf"/> (null: everything known).</summary>
    public static HeadlineHistory Of(PictureState state, FigureKey key, DateTimeOffset? asOf)
    {
        var until = asOf?.UtcTicks ?? PictureState.LiveTicks;
        var history = state.Histories.GetValueOrDefault(key);
        var steps = history is null ? [] : history.Steps(until).Select(step => HeadlineStep.Of(step.FromTicks, step.Headline, step.ByWithdrawal, state.Grades)).ToArray();
        var figures = history?.AllFigures().Where(f => f.Ticks <= until).OrderBy(f => f.Ticks).ToArray() ?? [];
        return new HeadlineHistory(HistoryKey.Of(key, state.Incident.HostCountry), steps,
            [.. figures.Where(f => f.IsClaimLike).Select(f => HistoryFigure.From(f, null, state.Grades))],
            [.. figures.Where(f => f.RetractedFromTicks <= until).Select(f => HistoryFigure.From(f, new DateTimeOffset(f.RetractedFromTicks, TimeSpan.Zero), state.Grades))]);
    }
}

/// <summary>A key as the API names it: the scope as a country's code where it is one (the host's too).</summary>
public sealed record HistoryKey(FigureGroup Group, FigureStatus Status, string Scope, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Organisation)
{
    public static HistoryKey Of(FigureKey key, string hostCountry) =>
        new(key.Group, key.Status, Scopes.CountryOf(key.Scope, hostCountry) ?? key.Scope, key.Organisation);

    public FigureKey ToFigureKey(string hostCountry) => new(Group, Status, Scopes.Normalise(Scope, hostCountry), Organisation);
}

/// <summary>
/// From <see cref="From"/> on, the headline said this; without a count, nothing counted (every figure withdrawn).
/// <see cref="ByWithdrawal"/>: the step came from a figure withdrawn then, not from one reported.
/// </summary>
public sealed record HeadlineStep(DateTimeOffset From, int? Count, Qualifier? Qualifier, int? Low, int? High, Source? Source, string? Reliability, string? ReportId,
    bool ByWithdrawal)
{
    public static HeadlineStep Of(long fromTicks, Tally? headline, bool byWithdrawal, SourceGrades grades) => new(new DateTimeOffset(fromTicks, TimeSpan.Zero),
        headline?.Count, headline?.Qualifier, headline?.Low, headline?.High, headline?.Source, headline is null ? null : grades.ReliabilityOf(headline.Source.Name),
        headline?.ReportId, byWithdrawal);
}

/// <summary>A figure beside the line: a claim, or a figure withdrawn (and from when).</summary>
public sealed record HistoryFigure(DateTimeOffset At, int Count, Qualifier Qualifier, int? Low, int? High, Source Source, string? Reliability, string ReportId, DateTimeOffset? WithdrawnAt)
{
    public static HistoryFigure From(ReportedFigure figure, DateTimeOffset? withdrawnAt, SourceGrades grades) =>
        new(figure.ReportedAt, figure.Figure.Count, figure.Figure.Qualifier, figure.Figure.Low, figure.Figure.High, figure.Source,
            grades.ReliabilityOf(figure.Source.Name), figure.ReportId, withdrawnAt);
}
