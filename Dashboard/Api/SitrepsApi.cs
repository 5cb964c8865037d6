using Dashboard.Access;
using Dashboard.Briefing;
using Dashboard.Security.Limits;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>The body of <c>POST /api/incidents/{slug}/sitreps</c>.</summary>
public sealed record SitrepSubmission(string? AsOf, string? Country, string? Summary, string? Marking);

/// <summary>An issued report as the API gives it, with where its stored page and PDF are.</summary>
public sealed record IssuedSitrepResponse(int Number, DateTimeOffset IssuedAt, string Author, DateTimeOffset AsOf, DateTimeOffset? Since,
    IReadOnlyList<string> Countries, string Summary, string? Marking, string Sha256, string Page, string Pdf)
{
    public static IssuedSitrepResponse From(IssuedSitrep s, string slug) => new(s.Number, s.IssuedAt, s.Author, s.AsOf, s.Since, s.Countries,
        s.Summary, s.Marking, s.Sha256, $"/incidents/{slug}/sitreps/{s.Number}", $"/api/incidents/{slug}/sitreps/{s.Number}.pdf");
}

/// <summary>Issued situation reports: numbered, signed off and frozen; read back exactly as issued.</summary>
public static class SitrepsApi
{
    public static IEndpointRouteBuilder MapSitrepsApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/incidents/{slug}/sitreps").WithTags("Issued reports")
            .RequireApiAccess(AccessPolicies.AnalystApi)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/", List).WithSummary("The incident's issued reports, newest first.");
        reads.MapGet("/{number:int}", Get).WithSummary("One issued report: who issued it, when, for which moment and nationalities, its key points, marking and the PDF's SHA-256.");
        reads.MapGet("/{number:int}.pdf", GetPdf).WithSummary("One issued report's PDF, byte for byte as issued.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

        app.MapWriteGroup("/api/incidents").WithTags("Issued reports")
            .MapPost("/{slug}/sitreps", Issue)
            .WithSummary("Issues a situation report as of a moment (asOf, default now) for nationalities (country), with key points (summary) and a marking from Sitrep:Markings; its changes run from the previous issued report's moment. Answers 201 with its number and the SHA-256 of its PDF.")
            .Produces<IssuedSitrepResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .LimitedBy(Budget.ExpensiveReads);

        // The issued page, exactly as stored: a document of its own, not a live page.
        app.MapGet("/incidents/{slug}/sitreps/{number:int}", GetPage).RequireAuthorization(AccessPolicies.Analyst).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Issue(string slug, HttpRequest request, SituationService situation, SitrepIssuer issuer, TimeProvider clock, CancellationToken ct)
    {
        var (submission, problem) = await JsonBody.ReadAsync<SitrepSubmission>(request, ct);
        if (problem is not null)
            return problem;
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var errors = new ValidationErrors();
        if (submission is null)
            errors.Add("body", "A report to issue is required: at least its summary.");
        else if (SitrepRequest.From(submission.AsOf, submission.Country, submission.Summary, submission.Marking, incident, issuer.Settings, clock.GetUtcNow(), errors) is { } asked)
        {
            var issued = await issuer.IssueAsync(incident, asked, ApiAccess.WriterOf(request.HttpContext), ct);
            return TypedResults.Created($"/api/incidents/{slug}/sitreps/{issued.Number}", IssuedSitrepResponse.From(issued, slug));
        }
        return TypedResults.ValidationProblem(errors.ToDictionary());
    }

    private static async Task<IResult> List(string slug, SituationService situation, IssuedSitreps issued, CancellationToken ct) =>
        await situation.FindIncidentAsync(slug, ct) is { } incident
            ? TypedResults.Ok((await issued.ListAsync(incident, ct)).Select(s => IssuedSitrepResponse.From(s, slug)))
            : ApiProblems.UnknownIncident(slug);

    private static async Task<IResult> Get(string slug, int number, SituationService situation, IssuedSitreps issued, CancellationToken ct) =>
        await FindAsync(slug, number, situation, issued, ct) is var (found, _, _, problem) && problem is null
            ? TypedResults.Ok(IssuedSitrepResponse.From(found!, slug))
            : problem!;

    private static async Task<IResult> GetPdf(string slug, int number, SituationService situation, IssuedSitreps issued, CancellationToken ct) =>
        await FindAsync(slug, number, situation, issued, ct) is var (found, pdf, _, problem) && problem is null
            ? TypedResults.File(pdf!, "application/pdf", $"sitrep-{slug}-{found!.Number}.pdf")
            : problem!;

    private static async Task<IResult> GetPage(string slug, int number, SituationService situation, IssuedSitreps issued, CancellationToken ct) =>
        await FindAsync(slug, number, situation, issued, ct) is var (found, _, page, problem) && problem is null
            ? TypedResults.Content(SitrepIssuer.Document(found!, (await situation.FindIncidentAsync(slug, ct))!, page!), "text/html; charset=utf-8")
            : problem!;

    private static async Task<(IssuedSitrep?, byte[]?, string?, IResult?)> FindAsync(string slug, int number, SituationService situation, IssuedSitreps issued, CancellationToken ct)
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return (null, null, null, ApiProblems.UnknownIncident(slug));
        return await issued.FindAsync(incident, number, ct) is var (sitrep, pdf, page)
            ? (sitrep, pdf, page, null)
            : (null, null, null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such issued report",
                detail: $"Incident '{slug}' has no issued report number {number}."));
    }
}
