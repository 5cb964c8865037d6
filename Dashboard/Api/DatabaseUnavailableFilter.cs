using Dashboard.Data;

namespace Dashboard.Api;

/// <summary>
/// A write the database cannot take right now (another process holds the write lock past the busy timeout, the disk
/// is full, the file is read-only) is answered 503 with Retry-After rather than 500; the write changed nothing.
/// </summary>
public sealed class DatabaseUnavailableFilter : IEndpointFilter
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (DatabaseErrors.Refusal(e) is { } refusal)
        {
            context.HttpContext.RequestServices.GetRequiredService<Observability.DashboardMetrics>().Unavailable(refusal.ToString());
            Security.Limits.RetryAfter.Set(context.HttpContext.Response, TimeSpan.FromSeconds(RetryAfterSeconds));
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The database cannot take writes right now", detail: $"{DatabaseErrors.Describe(refusal)} Nothing was written; try again in {RetryAfterSeconds} s.");
        }
    }
}
