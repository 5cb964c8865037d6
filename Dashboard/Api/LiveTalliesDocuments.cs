using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Localization;
using Dashboard.Situation;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Dashboard.Api;

/// <summary>
/// The live, unfiltered tallies document of each incident, serialised once per picture version and kept. At a million
/// figures it is megabytes of keys with their alternatives, and every poll serialised it again. Its ETag is the
/// version, so a client that already has it is answered 304 Not Modified; answers for a moment or for nationalities
/// are worked out per request as before. A client that takes gzip (browsers, curl --compressed, most HTTP libraries)
/// gets it compressed, also once per version: a fourteenth of the bytes, and no compression work per request.
/// </summary>
public sealed class LiveTalliesDocuments(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private readonly JsonSerializerOptions[] _shaped = Alternatives.OptionsFor(json.Value.SerializerOptions);
    private readonly ConcurrentDictionary<(string Slug, bool WithStatements, AlternativesShown Shown, string Language), Made> _made = new();

    /// <summary>
    /// Analysts see sources' statements and others do not: two documents, two tags; and one per choice of alternatives
    /// and per language (a conflict's words are the reader's).
    /// </summary>
    public static string ETagOf(long version, bool withStatements, AlternativesShown shown = AlternativesShown.All, string language = Languages.Default) =>
        $"\"{version}-{(withStatements ? "analyst" : "public")}{(shown == AlternativesShown.All ? "" : "-" + Alternatives.Values[(int)shown])}-{language}\"";

    public IResult Answer(HttpContext context, string slug, VersionedTallies live, bool withStatements, AlternativesShown shown = AlternativesShown.All)
    {
        var gzip = AcceptsGzip(context.Request);
        var etag = ETagOf(live.Version, withStatements, shown, Languages.Current);
        // The gzipped body is another representation of the same version: a tag of its own (RFC 9110 §8.8.3), and either
        // tag of this version is current.
        context.Response.Headers.ETag = gzip ? etag[..^1] + GzipTagSuffix : etag;
        context.Response.Headers.Vary = $"{HeaderNames.AcceptEncoding}, {HeaderNames.AcceptLanguage}";
        // Always asked again (a poll must see the next write), but a client with this version gets no body.
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => Matches(tag.Trim(), etag))))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var made = MadeFor(slug, live, withStatements, shown);
        return gzip ? new GzipDocument(Head(live.AsOf), made.Gzipped.Value) : new Document(Head(live.AsOf), made.Tallies);
    }

    private const string GzipTagSuffix = "-gzip\"";

    // "gzip" (or "*") with a quality above zero; "identity" is always acceptable, so it is the answer otherwise.
    private static bool AcceptsGzip(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings))
            return false;
        var gzip = codings.FirstOrDefault(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            ?? codings.FirstOrDefault(c => c.Value.Equals("*", StringComparison.Ordinal));
        return gzip is not null && (gzip.Quality ?? 1) > 0;
    }

    // If-None-Match compares weakly (RFC 9110 §13.1.2): a proxy that compresses the body (nginx's gzip) hands the
    // client a weakened tag, W/"…", which must still match.
    private static bool Matches(string tag, string etag)
    {
        if (tag == "*")
            return true;
        var strong = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
        return strong == etag || (strong.EndsWith(GzipTagSuffix, StringComparison.Ordinal) && strong[..^GzipTagSuffix.Length] + "\"" == etag);
    }

    private Made MadeFor(string slug, VersionedTallies live, bool withStatements, AlternativesShown shown)
    {
        var key = (slug, withStatements, shown, Languages.Current);
        if (_made.TryGetValue(key, out var made) && made.Version == live.Version)
            return made;
        IReadOnlyList<Tally> tallies = withStatements ? live.Tallies : live.Tallies.Select(t => t.WithoutStatement()).ToArray();
        var fresh = new Made(live.Version, JsonSerializer.SerializeToUtf8Bytes(tallies, _shaped[(int)shown]));
        // A slower request for an older version must not replace a newer one.
        return _made.AddOrUpdate(key, fresh, (_, current) => current.Version > live.Version ? current : fresh);
    }

    /// <summary>One version's tallies as JSON, and the same with the document's closing brace gzipped when first asked.</summary>
    private sealed class Made(long version, byte[] tallies)
    {
        public long Version { get; } = version;
        public byte[] Tallies { get; } = tallies;
        public Lazy<SplicedGzip.Rest> Gzipped { get; } = new(() => SplicedGzip.Compress(tallies, Tail));
    }

    private static readonly byte[] Tail = "}"u8.ToArray();

    // {"asOf":…,"tallies": as TalliesView is written; the moment is now, so it is the one part made per request.
    private byte[] Head(DateTimeOffset asOf) => System.Text.Encoding.UTF8.GetBytes(
        $"{{{JsonSerializer.Serialize(Name(nameof(TalliesView.AsOf)), _options)}:{JsonSerializer.Serialize(asOf, _options)}," +
        $"{JsonSerializer.Serialize(Name(nameof(TalliesView.Tallies)), _options)}:");

    private string Name(string property) => _options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private sealed class Document(byte[] head, byte[] tallies) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = head.Length + tallies.Length + Tail.Length;
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            await context.Response.Body.WriteAsync(tallies, context.RequestAborted);
            await context.Response.Body.WriteAsync(Tail, context.RequestAborted);
        }
    }

    private sealed class GzipDocument(byte[] head, SplicedGzip.Rest tallies) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = SplicedGzip.LengthOf(head, tallies);
            return SplicedGzip.WriteAsync(context.Response.Body, head, tallies, context.RequestAborted);
        }
    }
}
