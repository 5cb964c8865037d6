using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Situation;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Dashboard.Api;

/// <summary>
/// The live, unfiltered tallies document of each incident, serialised once per picture version and kept. At a million
/// figures it is megabytes of keys with their alternatives, and every poll serialised it again. Its ETag is the
/// version, so a client that already has it is answered 304 Not Modified; answers for a moment or for nationalities
/// are worked out per request as before.
/// </summary>
public sealed class LiveTalliesDocuments(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private readonly ConcurrentDictionary<(string Slug, bool WithStatements), (long Version, byte[] Tallies)> _made = new();

    /// <summary>Analysts see sources' statements and others do not: two documents, two tags.</summary>
    public static string ETagOf(long version, bool withStatements) => $"\"{version}-{(withStatements ? "analyst" : "public")}\"";

    public IResult Answer(HttpContext context, string slug, VersionedTallies live, bool withStatements)
    {
        var etag = ETagOf(live.Version, withStatements);
        context.Response.Headers.ETag = etag;
        // Always asked again (a poll must see the next write), but a client with this version gets no body.
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => Matches(tag.Trim(), etag))))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return new Document(Head(live.AsOf), TalliesJson(slug, live, withStatements));
    }

    // If-None-Match compares weakly (RFC 9110 §13.1.2): a proxy that compresses the body (nginx's gzip) hands the
    // client a weakened tag, W/"…", which must still match.
    private static bool Matches(string tag, string etag) => tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag;

    private byte[] TalliesJson(string slug, VersionedTallies live, bool withStatements)
    {
        var key = (slug, withStatements);
        if (_made.TryGetValue(key, out var made) && made.Version == live.Version)
            return made.Tallies;
        IReadOnlyList<Tally> tallies = withStatements ? live.Tallies : live.Tallies.Select(t => t.WithoutStatement()).ToArray();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(tallies, _options);
        // A slower request for an older version must not replace a newer one.
        _made.AddOrUpdate(key, (live.Version, bytes), (_, current) => current.Version > live.Version ? current : (live.Version, bytes));
        return bytes;
    }

    // {"asOf":…,"tallies": as TalliesView is written; the moment is now, so it is the one part made per request.
    private byte[] Head(DateTimeOffset asOf) => System.Text.Encoding.UTF8.GetBytes(
        $"{{{JsonSerializer.Serialize(Name(nameof(TalliesView.AsOf)), _options)}:{JsonSerializer.Serialize(asOf, _options)}," +
        $"{JsonSerializer.Serialize(Name(nameof(TalliesView.Tallies)), _options)}:");

    private string Name(string property) => _options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private sealed class Document(byte[] head, byte[] tallies) : IResult
    {
        private static readonly byte[] Tail = "}"u8.ToArray();

        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = head.Length + tallies.Length + Tail.Length;
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            await context.Response.Body.WriteAsync(tallies, context.RequestAborted);
            await context.Response.Body.WriteAsync(Tail, context.RequestAborted);
        }
    }
}
