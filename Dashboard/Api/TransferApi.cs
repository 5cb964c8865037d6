using Dashboard.Security.Limits;
using System.Text;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Dashboard.Situation.Transfer;

namespace Dashboard.Api;

/// <summary>Export the situation's reports as JSON or CSV, and import a file of reports all-or-nothing.</summary>
public static class TransferApi
{
    public const int MaxImportBytes = ReportImporter.MaxBytes;

    public static IEndpointRouteBuilder MapTransferApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Import and export");

        incidents.MapGet("/{slug}/export", Export)
            .RequireApiAccess(Access.AccessPolicies.AnalystApi)
            .LimitedBy(Budget.ExpensiveReads)
            .WithSummary("The reports behind the situation at a moment (asOf, default now), narrowed to nationalities (country): format=json (the API's report format) or csv (one figure per row, with each figure's standing then; retractions=true adds the reports retracted by then, with who, when and why).")
            .Produces<ReportSubmission[]>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapWriteGroup("/api/incidents").WithTags("Import and export")
            .MapPost("/{slug}/import", Import)
            .WithSummary("Imports a JSON array of reports (the export's format) or a CSV of figures, all or nothing; reports already stored (same id) add nothing.")
            .Accepts<ReportSubmission[]>("application/json", "text/csv")
            .Produces<ImportResult>()
            // Kestrel refuses bodies over 30,000,000 bytes by default; an import may be larger, up to its own limit,
            // which the handler checks itself (chunked or not) so that anything larger is a 413 ProblemDetails.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes + 1024 * 1024))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    public sealed record ImportResult(int Created, int AlreadyStored);

    private static async Task<IResult> Export(string slug, string? format, string? asOf, string? country, bool? retractions, SituationService situation, HttpResponse response, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SituationQuery.TryParse(asOf, country, out var query, out var queryErrors))
            foreach (var (field, messages) in queryErrors) errors[field] = messages;
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not (null or "" or "json"))
            errors["format"] = ["Must be json or csv."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var withRetractions = retractions == true;
        if (await situation.GetExportAsync(slug, query.AsOf, query.Countries, withRetractions && csv, ct) is not { } view)
            return ApiProblems.UnknownIncident(slug);

        var name = FileName(view, query.Countries);
        if (!csv)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{name}.json\"";
            return TypedResults.Ok(view.Reports.Select(ReportFiles.ToSubmission).ToArray());
        }
        var text = new StringWriter();
        await ReportFiles.WriteCsvAsync(view.Reports, text, view, withRetractions);
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        return TypedResults.Text(text.ToString(), "text/csv", Encoding.UTF8);
    }

    // "in-amenas_2013-01-20T1200+0100_GB-JP": the moment in the incident's own clock, and the nationalities shown.
    private static string FileName(ExportView view, CountryFilter countries)
    {
        var local = view.Incident.InLocalTime(view.Moment);
        var moment = local.ToString("yyyy-MM-dd'T'HHmm", System.Globalization.CultureInfo.InvariantCulture) + local.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture).Replace(":", "");
        return $"{view.Incident.Slug}_{moment}{(countries.IsEmpty ? "" : "_" + string.Join("-", countries.Codes.Order()))}";
    }

    private static async Task<IResult> Import(string slug, HttpRequest request, SituationService situation, ReportImporter importer, CancellationToken ct)
    {
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);

        // Everything is checked before anything is written: one bad row, and nothing is imported.
        var writer = ApiAccess.WriterOf(request.HttpContext);
        ImportOutcome outcome;
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            if (request.ContentLength > MaxImportBytes)
                return JsonBody.TooLarge(MaxImportBytes);
            try
            {
                // Read as it arrives: a 50 MB file is never held whole, only the reports it makes.
                outcome = await importer.ImportFileAsync(incident, request.Body, isCsv: true, writer, CancellationToken.None);
            }
            catch (ImportTooLargeException)
            {
                return JsonBody.TooLarge(MaxImportBytes);
            }
        }
        else
        {
            // Read here rather than by the importer so that malformed JSON is answered like any other body (415, 413, field).
            var (submissions, problem) = await JsonBody.ReadAsync<List<ReportSubmission?>>(request, ct, MaxImportBytes);
            if (problem is not null)
                return problem;
            outcome = await importer.ImportAsync(incident, submissions!, field => field, ReportImporter.NewProblems(), writer, CancellationToken.None);
        }
        if (outcome.Errors is { } problems)
            return TypedResults.ValidationProblem(problems, title: "Nothing was imported: the file has errors.", detail: outcome.ListedOfAll,
                extensions: new Dictionary<string, object?> { ["problemCount"] = outcome.ProblemCount });
        if (outcome.Conflict is { } conflict)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing was imported: report ids used by another incident", detail: conflict);
        return TypedResults.Ok(new ImportResult(outcome.Created, outcome.AlreadyStored));
    }
}
