using Dashboard.Security.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>The API's answers for what is not there: one wording each, wherever it is said.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult UnknownIncident(string slug) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown incident", detail: $"No incident has the slug '{slug}'.");

    public static ProblemHttpResult UnknownReport(string slug, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown report", detail: $"Incident '{slug}' has no report with id '{id}'.");
}

/// <summary>The plumbing every write endpoint shares, written once.</summary>
public static class WriteEndpoints
{
    /// <summary>
    /// A group of write endpoints: an API key or an Analyst's cookie, the per-client write limit, 503 with Retry-After
    /// when the database cannot take writes, and the problem answers those give.
    /// </summary>
    public static RouteGroupBuilder MapWriteGroup(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix)
            .RequireApiKey()
            .AddEndpointFilter<DatabaseUnavailableFilter>()
            .LimitedBy(Budget.Writes);
        group.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }
}
