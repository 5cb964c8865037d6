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
            .RequireApiAccess(Access.AccessPolicies.ReadSituation)
            .WithSummary("Every source that has reported on the incident, with its reliability (A–F, null: ungraded) and who graded it when.")
            .Produces<SourceResponse[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapWriteGroup("/api/incidents").WithTags("Sources")
            .MapPut("/{slug}/sources/grade", GradeSource)
            .WithSummary("Grades a source of the incident: {\"source\": name, \"reliability\": \"A\"…\"F\" or null for ungraded}. Audited; every screen shows it.")
            .Accepts<SourceGradeSubmission>("application/json")
            .Produces<SourceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListSources(string slug, SituationService situation, CancellationToken ct) =>
        await situation.GetSourceGradesAsync(slug, ct) is { } sources
            ? TypedResults.Ok(sources.Select(SourceResponse.From).ToArray())
            : ApiProblems.UnknownIncident(slug);

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

        if (await situation.GradeSourceAsync(incident, source!, submission.Reliability, ApiAccessFilter.WriterOf(request.HttpContext), CancellationToken.None) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["source"] = [$"No report of incident '{slug}' comes from '{source}'."] });
        var graded = (await situation.GetSourceGradesAsync(slug, CancellationToken.None))!
            .Single(s => string.Equals(s.Source.Name, source, StringComparison.OrdinalIgnoreCase));
        return TypedResults.Ok(SourceResponse.From(graded));
    }
}

/// <summary>A source as the API gives it: its grade as a letter and in words.</summary>
public sealed record SourceResponse(string Name, SourceKind Kind, string? Reliability, string ReliabilityWords, DateTimeOffset? GradedAt, string? GradedBy)
{
    public static SourceResponse From(GradedSource graded) => new(graded.Source.Name, graded.Source.Kind, graded.Reliability,
        Admiralty.ReliabilityWords(graded.Reliability), graded.GradedAt, graded.GradedBy);
}
