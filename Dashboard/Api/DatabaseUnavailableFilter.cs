using Microsoft.Data.Sqlite;

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
        catch (Exception e) when (Unavailable(e) is { } reason)
        {
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The database cannot take writes right now", detail: $"{reason} Nothing was written; try again in {RetryAfterSeconds} s.");
        }
    }

    /// <summary>Why the database refused, if this is a refusal rather than a bug.</summary>
    public static string? Unavailable(Exception e) => Find(e) switch
    {
        { SqliteErrorCode: 5 or 6 } => "The database is busy (another process holds its write lock).",
        { SqliteErrorCode: 13 } => "The disk is full.",
        { SqliteErrorCode: 8 } => "The database is read-only.",
        { SqliteErrorCode: 10 or 14 } => "The database file cannot be written.",
        _ => null,
    };

    private static SqliteException? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqliteException sqlite) return sqlite;
        return null;
    }
}
