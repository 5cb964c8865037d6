using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Api;

/// <summary>The sources of an incident and how reliable Analysts hold them to be (the Admiralty scale, A–F).</summary>
public static class SourceGradesApi
{
    public static IEndpointRouteBuilder MapSourceGradesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/incidents").WithTags("Sources")
            .MapGet("/{slug}/sources", ListSources)
            .RequireApiAccess(Access.AccessPolicies.ReadApi)
            .WithSummary("Every source that has reported on the incident, with its reliability (A–F, null: ungraded) and who graded it when.")
            .Produces<SourceResponse[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var writes = app.MapWriteGroup("/api/incidents").WithTags("Sources");
        writes.MapPut("/{slug}/sources/grade", GradeSource)
            .WithSummary("Grades a source of the incident: {\"source\": name, \"reliability\": \"A\"…\"F\" or null for ungraded}. Audited; every screen shows it.")
            .Accepts<SourceGradeSubmission>("application/json")
            .Produces<SourceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{slug}/sources/merge", (string slug, HttpRequest request, SituationService situation, CancellationToken ct) =>
                ChangeSourceAsync<SourceMergeSubmission>(slug, request, situation, "into", s => s.Into, (source, into) => new SourceChange.MergeInto(source, into!), ct))
            .WithSummary("Merges one source into another: {\"source\": name, \"into\": name}. Its names, reports and grade follow. Audited; every screen shows it.")
            .Accepts<SourceMergeSubmission>("application/json")
            .Produces<SourceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPut("/{slug}/sources/rename", (string slug, HttpRequest request, SituationService situation, CancellationToken ct) =>
                ChangeSourceAsync<SourceRenameSubmission>(slug, request, situation, "name", s => s.Name, (source, name) => new SourceChange.Rename(source, name!), ct))
            .WithSummary("Renames a source: {\"source\": name, \"name\": new name}. The old name stays one of its names.")
            .Accepts<SourceRenameSubmission>("application/json")
            .Produces<SourceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPut("/{slug}/sources/relay", (string slug, HttpRequest request, SituationService situation, CancellationToken ct) =>
                ChangeSourceAsync<SourceRelaySubmission>(slug, request, situation, "relays", s => s.Relays, (source, relays) => new SourceChange.Relay(source, relays), ct, optional: true))
            .WithSummary("Says whose word a source passes on: {\"source\": name, \"relays\": name or null}. Its figures are then graded and weighed as the originator's, shown via it.")
            .Accepts<SourceRelaySubmission>("application/json")
            .Produces<SourceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListSources(string slug, SituationService situation, CancellationToken ct) =>
        await situation.GetSourceGradesAsync(slug, ct) is { } sources
            ? TypedResults.Ok(sources.Select(SourceResponse.From).ToArray())
            : ApiProblems.UnknownIncident(slug);

    // Merge, rename and relay read alike: the source, one other name (the field's own), and a change of the record.
    private static async Task<IResult> ChangeSourceAsync<TSubmission>(string slug, HttpRequest request, SituationService situation, string field,
        Func<TSubmission, string?> other, Func<string, string?, SourceChange> change, CancellationToken ct, bool optional = false)
        where TSubmission : SourceSubmissionBase
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var (submission, problem) = await JsonBody.ReadAsync<TSubmission>(request, ct);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        var source = ReportValidator.RequiredText(submission!.Source, "source", ReportValidator.MaxNameLength, errors);
        var named = optional && other(submission) is null ? null : ReportValidator.RequiredText(other(submission), field, ReportValidator.MaxNameLength, errors);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var made = change(source!, named);
        var result = await situation.ChangeSourceAsync(incident, made, ApiAccess.WriterOf(request.HttpContext), CancellationToken.None);
        if (result is SourceChangeResult.UnknownSource or SourceChangeResult.UnknownTarget or SourceChangeResult.NameTaken)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [result == SourceChangeResult.UnknownSource ? "source" : field] = [result == SourceChangeResult.NameTaken
                    ? $"'{named}' is already another source of incident '{slug}': merge them instead."
                    : $"No report of incident '{slug}' comes from '{(result == SourceChangeResult.UnknownSource ? source : named)}'."],
            });
        var shown = made switch { SourceChange.Rename rename => rename.Name, SourceChange.MergeInto merge => merge.Into, _ => made.Source };
        var record = (await situation.GetSourceGradesAsync(slug, CancellationToken.None))!.Single(s => SourceNames.Same(s.Source.Name, shown) || s.Aliases.Any(a => SourceNames.Same(a, shown)));
        return TypedResults.Ok(SourceResponse.From(record));
    }

    private static async Task<IResult> GradeSource(string slug, HttpRequest request, SituationService situation, CancellationToken ct)
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var (submission, problem) = await JsonBody.ReadAsync<SourceGradeSubmission>(request, ct);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        var source = ReportValidator.RequiredText(submission!.Source, "source", ReportValidator.MaxNameLength, errors);
        if (submission.Reliability is not null && !Admiralty.IsReliability(submission.Reliability))
            errors.Add("reliability", Admiralty.ReliabilityRule);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        if (await situation.GradeSourceAsync(incident, source!, submission.Reliability, ApiAccess.WriterOf(request.HttpContext), CancellationToken.None) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["source"] = [$"No report of incident '{slug}' comes from '{source}'."] });
        var graded = (await situation.GetSourceGradesAsync(slug, CancellationToken.None))!
            .Single(s => string.Equals(s.Source.Name, source, StringComparison.OrdinalIgnoreCase));
        return TypedResults.Ok(SourceResponse.From(graded));
    }
}

/// <summary>A source as the API gives it: its record (the names it goes by, whose word it relays) and its grade as a letter and in words.</summary>
public sealed record SourceResponse(string Name, SourceKind Kind, IReadOnlyList<string> Aliases, string? Relays, string? Reliability, string ReliabilityWords, DateTimeOffset? GradedAt, string? GradedBy)
{
    public static SourceResponse From(GradedSource graded) => new(graded.Source.Name, graded.Source.Kind, graded.Aliases, graded.Relays, graded.Reliability,
        Admiralty.ReliabilityWords(graded.Reliability), graded.GradedAt, graded.GradedBy);
}

public abstract record SourceSubmissionBase(string? Source);

public sealed record SourceMergeSubmission(string? Source, string? Into) : SourceSubmissionBase(Source);

public sealed record SourceRenameSubmission(string? Source, string? Name) : SourceSubmissionBase(Source);

public sealed record SourceRelaySubmission(string? Source, string? Relays) : SourceSubmissionBase(Source);
