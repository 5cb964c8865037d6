using Dashboard.Access;
using Dashboard.Situation;

namespace Dashboard.Api;

/// <summary><c>GET /api/incidents/{slug}/tallies/history</c>: one key's headline through the incident, for charts and scripts.</summary>
public static class HeadlineHistoryApi
{
    public static IEndpointRouteBuilder MapHeadlineHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/incidents").WithTags("Incidents")
            .MapGet("/{slug}/tallies/history", GetHistoryAsync)
            .RequireApiAccess(AccessPolicies.ReadApi)
            .WithSummary("One key's headline through the incident (group, status; scope all, foreign, local or a country's code, default all; organisation): the moments it changed, the claims and the figures withdrawn, up to asOf.")
            .Produces<HeadlineHistory>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> GetHistoryAsync(string slug, string? group, string? status, string? scope, string? organisation, string? asOf,
        SituationService situation, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Vocabulary.TryParse<FigureGroup>(group, out var figureGroup))
            errors["group"] = [$"{(group is null ? "A group is required" : $"'{group}' is not a group")}: {string.Join(", ", Vocabulary.WireNames<FigureGroup>())}."];
        if (!Vocabulary.TryParse<FigureStatus>(status, out var figureStatus))
            errors["status"] = [$"{(status is null ? "A status is required" : $"'{status}' is not a status")}: {string.Join(", ", Vocabulary.WireNames<FigureStatus>())}."];
        scope = string.IsNullOrWhiteSpace(scope) ? Scopes.All : scope.Trim();
        if (!Scopes.IsValid(scope))
            errors["scope"] = [$"'{scope}' is not a scope: {Scopes.Expected}."];
        if (organisation is { Length: > Situation.Ingestion.ReportValidator.MaxNameLength })
            errors["organisation"] = [$"An organisation's name is at most {Situation.Ingestion.ReportValidator.MaxNameLength} characters."];
        if (!SituationQuery.TryParse(asOf, null, out var query, out var queryErrors))
            foreach (var (field, messages) in queryErrors)
                errors[field] = messages;
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (await situation.FindIncidentAsync(slug, ct) is not { } incident)
            return ApiProblems.UnknownIncident(slug);
        var key = new FigureKey(figureGroup, figureStatus, Scopes.Normalise(scope, incident.HostCountry),
            string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim());
        return await situation.GetHeadlineHistoryAsync(slug, key, query.AsOf, ct) is { } history
            ? TypedResults.Ok(history)
            : ApiProblems.UnknownIncident(slug);
    }
}
