using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Api;

/// <summary>
/// Reads a JSON request body under a size limit, turning malformed JSON into a 400 that names the field, and an
/// oversized body into a 413, both as ProblemDetails. Done by hand because model binding reports neither.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, int maxBytes = MaxBytes) where T : class
    {
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send the body as application/json."));

        if (await ReadBytesAsync(request, maxBytes, cancellationToken) is not { } buffer)
            return (null, TooLarge(maxBytes));

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            return value is null
                ? (null, Invalid("body", "A JSON object is required."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(FieldOf(e.Path), Explain(e)));
        }
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<MemoryStream?> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    // "$.figures[1].count" → "figures[1].count"; the root is reported as "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // System.Text.Json's messages name .NET types; say instead what the client can fix, and where.
    private static string Explain(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        if (e.Message.Contains("uplicate", StringComparison.Ordinal))
            return "This field is given more than once; give it once." + where;
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return "Unknown field: the API does not take this field; check its spelling." + where;
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
            return (e.Path?.EndsWith(".count", StringComparison.Ordinal) == true
                ? "Must be a whole number."
                : "A value of the wrong type: text, a number, an object or a list where another is expected.") + where;
        return "Malformed JSON." + where;
    }

    public static ProblemHttpResult TooLarge(int maxBytes = MaxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"A request body may be at most {(maxBytes >= 1024 * 1024 ? $"{maxBytes / 1024 / 1024} MB" : $"{maxBytes / 1024} KB")}.");
}
