using Dashboard.Access;
using Microsoft.AspNetCore.Authorization;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");
        var writes = app.MapWriteGroup("/api/incidents").WithTags("Incidents");

        incidents.MapGet("/", ListIncidents).WithSummary("All incidents.").RequireApiAccess(AccessPolicies.ReadApi);
        incidents.MapGet("/{slug}/reports/{id}", GetReport).WithSummary("One stored report, with the people it names (Analysts and API keys only).").RequireApiAccess(AccessPolicies.AnalystApi);
        incidents.MapGet("/{slug}", GetIncident).WithSummary("One incident.").RequireApiAccess(AccessPolicies.ReadApi);
        writes.MapPost("/", CreateIncident)
            .WithSummary("Creates an incident; its time zone defaults to UTC.")
            .Accepts<IncidentSubmission>("application/json")
            .Produces<IncidentResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/{slug}/reports", SubmitReport)
            .WithSummary("Stores what one source said at one time. Sending the same id again stores nothing new.")
            .Accepts<ReportSubmission>("application/json")
            .Produces<Report>(StatusCodes.Status201Created)
            .Produces<Report>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        writes.MapPost("/{slug}/reports/{id}/retract", RetractReport)
            .WithSummary("Retracts a report from now on, with a reason: it stops counting but stays in the history, and earlier moments still show it.")
            .Accepts<RetractionSubmission>("application/json")
            .Produces<Retraction>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPost("/{slug}/reports/{id}/figures/{index:int}/retract", RetractFigure)
            .WithSummary("Withdraws one figure of a report (index 0-based in the stored report's figures) from now on, with a reason: the report's other figures keep counting.")
            .Accepts<RetractionSubmission>("application/json")
            .Produces<Retraction>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        writes.MapPut("/{slug}/end", EndIncident)
            .WithSummary("Marks the incident ended at a moment: after it, \"still held\" figures are the last before the end. Saying it again with another moment corrects it.")
            .Accepts<EndSubmission>("application/json")
            .Produces<IncidentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        writes.MapDelete("/{slug}/end", ReopenIncident)
            .WithSummary("Takes back that the incident ended: it goes on.")
            .Produces<IncidentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        incidents.MapGet("/{slug}/tallies", GetTallies)
            .RequireApiAccess(AccessPolicies.ReadApi)
            .Produces<TalliesView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Headline figures with the figures that contradict them, as of a moment (default now).")
            .ProducesValidationProblem();
        incidents.MapGet("/{slug}/countries", GetCountries)
            .RequireApiAccess(AccessPolicies.ReadApi)
            .Produces<CountryBreakdown[]>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Headline hostage figures per nationality; figures scoped local count for the host country.")
            .ProducesValidationProblem();
        incidents.MapGet("/{slug}/timeline", GetTimeline)
            .RequireApiAccess(AccessPolicies.ReadApi)
            .Produces<TimelineEntry[]>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Timeline events known at a moment, in time order.")
            .ProducesValidationProblem();
        incidents.MapGet("/{slug}/feed.atom", GetFeed)
            .RequireApiAccess(AccessPolicies.ReadApi)
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The incident's changes as an Atom feed: each headline move the changes strip keeps (newest first), corrections as such, and its end; country=GB,JP narrows it to those nationalities.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<IncidentResponse[]>> ListIncidents(SituationService situation, CancellationToken ct) =>
        TypedResults.Ok((await situation.GetIncidentsAsync(ct)).Select(IncidentResponse.From).ToArray());

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> GetIncident(string slug, SituationService situation, CancellationToken ct) =>
        await situation.FindIncidentAsync(slug, ct) is { } incident
            ? TypedResults.Ok(IncidentResponse.From(incident))
            : ApiProblems.UnknownIncident(slug);

    private static async Task<Results<Ok<Report>, ProblemHttpResult>> GetReport(string slug, string id, SituationService situation, CancellationToken ct) =>
        await situation.FindReportAsync(slug, id, ct) is { } report
            ? TypedResults.Ok(report)
            : ApiProblems.UnknownReport(slug, id);

    private static async Task<IResult> CreateIncident(HttpRequest request, SituationService situation, TimeProvider clock, CancellationToken ct)
    {
        var (submission, problem) = await JsonBody.ReadAsync<IncidentSubmission>(request, ct);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        if (IncidentValidator.Validate(submission, clock.GetUtcNow(), errors) is not { } incident)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        if (await situation.CreateIncidentAsync(incident, ApiAccess.WriterOf(request.HttpContext), ct) == CreateIncidentResult.SlugTaken)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Incident already exists", detail: $"An incident with slug '{incident.Slug}' already exists.");
        var created = await situation.FindIncidentAsync(incident.Slug, ct);
        return TypedResults.Created($"/api/incidents/{incident.Slug}", IncidentResponse.From(created!));
    }

    private static async Task<IResult> SubmitReport(string slug, HttpRequest request, SituationService situation, ILogger<SituationService> logger, CancellationToken ct)
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var (submission, problem) = await JsonBody.ReadAsync<ReportSubmission>(request, ct);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        if (situation.Validator.Validate(submission, incident, errors) is not { } report)
        {
            // Which fields, never what they held: a statement or a name must not reach the logs.
            Observability.WriteLog.Refused(logger, slug, ApiAccess.WriterOf(request.HttpContext).Name, "report",
                "invalid " + string.Join(", ", errors.ToDictionary().Keys),
                errors.ToDictionary().ContainsKey("id") ? "(invalid id)" : submission?.Id ?? "(none)", 0);
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        try
        {
            var outcome = (await situation.SubmitAsync(incident, [report], ApiAccess.WriterOf(request.HttpContext), "report", CancellationToken.None))[0];
            var location = $"/api/incidents/{slug}/reports/{Uri.EscapeDataString(outcome.Report.Id)}";
            return outcome.Result == WriteResult.Created
                ? TypedResults.Created(location, outcome.Report)
                : TypedResults.Ok(outcome.Report);
        }
        catch (ReportIdConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Report id already used", detail: e.Message);
        }
        catch (SourceKindConflictException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["source.kind"] = [.. e.Conflicts.Select(c => c.Message)] });
        }
    }

    private static async Task<IResult> RetractReport(string slug, string id, HttpRequest request, SituationService situation, CancellationToken ct)
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var (submission, problem) = await JsonBody.ReadAsync<RetractionSubmission>(request, ct);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        var reason = ReportValidator.RequiredText(submission!.Reason, "reason", 2000, errors, multiLine: true);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var (result, retraction) = await situation.RetractAsync(incident, id, reason!, ApiAccess.WriterOf(request.HttpContext), CancellationToken.None);
        return result switch
        {
            RetractResult.Retracted => TypedResults.Ok(retraction),
            RetractResult.UnknownReport => ApiProblems.UnknownReport(slug, id),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Already retracted", detail: retraction is null ? $"Report '{id}' is already retracted." : $"Report '{id}' was retracted at {retraction.At:O}: {retraction.Reason}"),
        };
    }

    private static async Task<IResult> RetractFigure(string slug, string id, int index, HttpRequest request, SituationService situation, CancellationToken ct)
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var (submission, problem) = await JsonBody.ReadAsync<RetractionSubmission>(request, ct);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        var reason = ReportValidator.RequiredText(submission!.Reason, "reason", 2000, errors, multiLine: true);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var (result, retraction) = await situation.RetractFigureAsync(incident, id, index, reason!, ApiAccess.WriterOf(request.HttpContext), CancellationToken.None);
        return result switch
        {
            FigureRetractResult.Retracted => TypedResults.Ok(retraction),
            FigureRetractResult.UnknownReport => ApiProblems.UnknownReport(slug, id),
            FigureRetractResult.UnknownFigure => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "Unknown figure", detail: $"Report '{id}' has no figure {index}: figures are counted from 0 in the stored report."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Already withdrawn", detail: retraction is null ? $"Figure {index} of report '{id}' is already withdrawn." : $"Figure {index} of report '{id}' was withdrawn at {retraction.At:O}: {retraction.Reason}"),
        };
    }

    private static async Task<IResult> EndIncident(string slug, HttpRequest request, SituationService situation, TimeProvider clock, CancellationToken ct)
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var (submission, problem) = await JsonBody.ReadAsync<EndSubmission>(request, ct);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        var endedAt = EndRules.Validate(submission!.EndedAt, incident, clock, errors);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());
        return await SetEndAsync(situation, incident, endedAt, request.HttpContext);
    }

    private static async Task<IResult> ReopenIncident(string slug, HttpContext context, SituationService situation, CancellationToken ct) =>
        await situation.FindIncidentAsync(slug, ct) is { } incident
            ? await SetEndAsync(situation, incident, null, context)
            : ApiProblems.UnknownIncident(slug);

    private static async Task<IResult> SetEndAsync(SituationService situation, Incident incident, DateTimeOffset? endedAt, HttpContext context)
    {
        await situation.EndIncidentAsync(incident, endedAt, ApiAccess.WriterOf(context), CancellationToken.None);
        return TypedResults.Ok(IncidentResponse.From((await situation.FindIncidentAsync(incident.Slug, CancellationToken.None))!));
    }

    // Statements are the sources' own words and can name people: Analysts and API keys get them, others the figures.
    private static async Task<IResult> GetTallies(string slug, string? asOf, string? country, string? alternatives, SituationService situation,
        HttpContext context, IAuthorizationService authorization, LiveTalliesDocuments documents, TalliesAnswers answers, CancellationToken ct)
    {
        // Every bad parameter is named at once.
        SituationQuery.TryParse(asOf, country, out var query, out var errors);
        Alternatives.TryParse(alternatives, out var shown, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var withStatements = (await authorization.AuthorizeAsync(context.User, context, AccessPolicies.AnalystApi)).Succeeded;
        // The live unfiltered document, the one polled, is made once per change (LiveTalliesDocuments).
        if (query.AsOf is null && query.Countries.IsEmpty)
            return await situation.GetLiveTalliesAsync(slug, ct) is { } live
                ? documents.Answer(context, slug, live, withStatements, shown)
                : ApiProblems.UnknownIncident(slug);
        // A past moment's answer is kept until a change reaches back to it (TalliesAnswers); its version is read first,
        // so an answer made from a later picture is only ever kept under an older version, never the reverse.
        var version = query.AsOf is { } moment ? await situation.GetPastVersionAsync(slug, moment, ct) : null;
        var question = query.AsOf is { } at ? TalliesAnswers.Question.Of(slug, at, query.Countries, withStatements, shown) : (TalliesAnswers.Question?)null;
        if (question is { } asked && version is { } current && answers.Find(asked, current) is { } kept)
            return kept;
        if (await situation.GetTalliesAsync(slug, query.AsOf, query.Countries, ct) is not { } view)
            return ApiProblems.UnknownIncident(slug);
        return answers.Write(withStatements ? view : view with { Tallies = view.Tallies.Select(t => t.WithoutStatement()).ToArray() }, shown, question, version);
    }

    private static Task<IResult> GetCountries(string slug, string? asOf, string? country, SituationService situation, CancellationToken ct) =>
        ReadAsync(slug, asOf, country, query => situation.GetCountriesAsync(slug, query.AsOf, query.Countries, ct));

    private static Task<IResult> GetTimeline(string slug, string? asOf, string? country, SituationService situation, CancellationToken ct) =>
        ReadAsync(slug, asOf, country, query => situation.GetTimelineAsync(slug, query.AsOf, query.Countries, ct));

    // The reads share their parameters and their answers: 400 for a query they cannot understand, 404 for no incident.
    private static async Task<IResult> GetFeed(string slug, string? country, HttpRequest request, SituationService situation, CancellationToken ct)
    {
        if (!SituationQuery.TryParse(null, country, out var query, out var errors))
            return TypedResults.ValidationProblem(errors);
        if (await situation.GetSituationAsync(slug, cancellationToken: ct) is not { } live)
            return ApiProblems.UnknownIncident(slug);
        var site = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var self = new Uri($"{site}/api/incidents/{Uri.EscapeDataString(slug)}/feed.atom{request.QueryString}");
        return TypedResults.Bytes(IncidentFeed.Write(live, query.Countries, self, new Uri($"{site}/incidents/{Uri.EscapeDataString(slug)}")), IncidentFeed.ContentType);
    }

    private static async Task<IResult> ReadAsync<T>(string slug, string? asOf, string? country, Func<SituationQuery, Task<T?>> read) where T : class
    {
        if (!SituationQuery.TryParse(asOf, country, out var query, out var errors))
            return TypedResults.ValidationProblem(errors);
        return await read(query) is { } result ? TypedResults.Ok(result) : ApiProblems.UnknownIncident(slug);
    }
}
