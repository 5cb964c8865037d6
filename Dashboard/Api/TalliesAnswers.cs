using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Localization;
using Dashboard.Situation;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Dashboard.Api;

/// <summary>
/// Tallies answers for a moment or for nationalities, written to the response as they are serialised (at a million
/// figures an unfiltered answer is megabytes, never held whole in memory to be sent). An answer for a past moment is
/// also kept, per question (incident, moment, nationalities, audience, alternatives, language), with the version of
/// what was known about that moment (<see cref="Situation.Live.PastVersions"/>): the same question is answered from
/// those bytes until a report dated at or before the moment, a retraction from then or earlier, or a change to
/// everything lands.
/// An answer is kept from the second time its question is asked; kept answers are bounded in bytes, the least recently
/// asked let go first.
/// </summary>
public sealed class TalliesAnswers(IOptions<JsonOptions> json)
{
    /// <summary>The most the kept answers hold, all incidents together.</summary>
    public const long BudgetBytes = 256L * 1024 * 1024;

    // One answer bigger than this is sent but not kept: it would push out too many others.
    private const long LargestKept = BudgetBytes / 8;

    private readonly JsonSerializerOptions[] _options = Alternatives.OptionsFor(json.Value.SerializerOptions);
    private readonly ConcurrentDictionary<Question, Kept> _kept = new();
    private readonly Lock _keeping = new();
    private long _keptBytes, _asked;

    /// <summary>
    /// What a past tallies answer depends on besides the moment's version: the moment keeps its offset, which the answer
    /// repeats, and the reader's language, in which a conflict's words are written.
    /// </summary>
    public readonly record struct Question(string Slug, long AsOfTicks, TimeSpan Offset, string Countries, bool WithStatements, AlternativesShown Shown, string Language)
    {
        public static Question Of(string slug, DateTimeOffset asOf, CountryFilter countries, bool withStatements, AlternativesShown shown) =>
            new(slug, asOf.UtcTicks, asOf.Offset, string.Join(',', countries.Codes.Order(StringComparer.Ordinal)), withStatements, shown, Languages.Current);
    }

    private sealed class Kept(long version, byte[] body)
    {
        public long Version { get; } = version;
        public byte[] Body { get; } = body;
        public long LastAsked;
    }

    /// <summary>The answer kept for <paramref name="question"/> if it was made at <paramref name="version"/>; null otherwise.</summary>
    public IResult? Find(Question question, long version)
    {
        if (!_kept.TryGetValue(question, out var kept) || kept.Version != version)
            return null;
        Volatile.Write(ref kept.LastAsked, Interlocked.Increment(ref _asked));
        return new KeptAnswer(kept.Body);
    }

    /// <summary>
    /// <paramref name="view"/> written as <paramref name="shown"/> says; kept for <paramref name="question"/> at
    /// <paramref name="version"/> when both are given (a past moment's answer) and the same question was asked before.
    /// </summary>
    public IResult Write(TalliesView view, AlternativesShown shown, Question? question = null, long? version = null) =>
        new Streamed(this, view, _options[(int)shown], question is { } q && version is { } v && AskedBefore(q, v) ? (q, v) : null);

    // A moment asked for once (a slider dragged through the incident) is seldom asked again; copying and keeping each
    // such answer cost more than it saved. The second time a question comes at the same version, its answer is kept.
    private bool AskedBefore(Question question, long version)
    {
        if (_askedOnce.TryGetValue(question, out var asked) && asked == version)
            return true;
        if (_askedOnce.Count >= QuestionsRemembered)
            _askedOnce.Clear();
        _askedOnce[question] = version;
        return false;
    }

    private const int QuestionsRemembered = 100_000;
    private readonly ConcurrentDictionary<Question, long> _askedOnce = new();

    private void Keep(Question question, long version, byte[] body)
    {
        lock (_keeping)
        {
            if (_kept.TryGetValue(question, out var old))
                _keptBytes -= old.Body.LongLength;
            _kept[question] = new Kept(version, body) { LastAsked = Interlocked.Increment(ref _asked) };
            _keptBytes += body.LongLength;
            if (_keptBytes > BudgetBytes)
                LetGoLeastAsked();
        }
    }

    // Down to three quarters of the budget, so that the next answers kept do not each start another pass.
    private void LetGoLeastAsked()
    {
        foreach (var (question, kept) in _kept.OrderBy(e => Volatile.Read(ref e.Value.LastAsked)).ToArray())
        {
            if (_keptBytes <= BudgetBytes / 4 * 3)
                break;
            if (_kept.TryRemove(question, out var removed))
                _keptBytes -= removed.Body.LongLength;
        }
    }

    private sealed class KeptAnswer(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        }
    }

    private sealed class Streamed(TalliesAnswers answers, TalliesView view, JsonSerializerOptions options, (Question Question, long Version)? keep) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            if (keep is not { } k)
            {
                await JsonSerializer.SerializeAsync(context.Response.Body, view, options, context.RequestAborted);
                return;
            }
            await using var copying = new CopyingStream(context.Response.Body, LargestKept);
            await JsonSerializer.SerializeAsync(copying, view, options, context.RequestAborted);
            if (copying.Copy is { } body)
                answers.Keep(k.Question, k.Version, body);
        }
    }

    /// <summary>Writes through to the response and keeps a copy of what went, up to a limit past which it keeps none.</summary>
    private sealed class CopyingStream(Stream response, long limit) : Stream
    {
        private MemoryStream? _copy = new();

        public byte[]? Copy => _copy?.ToArray();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Keep(buffer);
            response.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await response.WriteAsync(buffer, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> buffer)
        {
            if (_copy is null)
                return;
            if (_copy.Length + buffer.Length > limit)
                _copy = null;
            else
                _copy.Write(buffer);
        }

        public override void Flush() => response.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => response.FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
