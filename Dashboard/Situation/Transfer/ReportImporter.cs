using System.Text;
using System.Text.Json;
using Dashboard.Situation.Ingestion;
using Microsoft.Extensions.Options;

namespace Dashboard.Situation.Transfer;

/// <summary>
/// How an import ended: how many reports were new and how many were stored already, or why nothing was: its problems
/// (the first <see cref="ReportImporter.ProblemsListed"/> of <see cref="ProblemCount"/>) or a conflict.
/// </summary>
public sealed record ImportOutcome(int Created, int AlreadyStored, IDictionary<string, string[]>? Errors, string? Conflict, int ProblemCount = 0)
{
    public bool Succeeded => Errors is null && Conflict is null;

    public int UnlistedProblems => Errors is null ? 0 : ProblemCount - Errors.Values.Sum(m => m.Length);

    public static ImportOutcome Refused(ValidationErrors errors) => new(0, 0, errors.ToDictionary(), null, errors.Count);

    /// <summary>"1,000 of 569,012 problems are listed", when some are not; null when all are.</summary>
    public string? ListedOfAll => UnlistedProblems > 0
        ? $"The first {ProblemCount - UnlistedProblems:N0} of {ProblemCount:N0} problems found are listed; fix them and import again to see the rest."
        : null;
}

/// <summary>
/// Imports a file of reports all-or-nothing, for the API and the page alike: every report is validated first
/// (problems located by line and column for CSV), and only a file without a single problem is written: staged, then
/// committed by one short turn of the writer, with reports already stored (same id) adding nothing.
/// </summary>
public sealed class ReportImporter(SituationService situation, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, Observability.DashboardMetrics metrics)
{
    public const int MaxBytes = 50 * 1024 * 1024;

    /// <summary>The most problems a refused import lists; the rest are counted.</summary>
    public const int ProblemsListed = 1_000;

    /// <summary>Where an import's problems are gathered: every one counted, the first <see cref="ProblemsListed"/> kept.</summary>
    public static ValidationErrors NewProblems() => new(ProblemsListed);

    /// <summary>
    /// Reads a CSV (one figure per row) or a JSON array of reports as it arrives, then imports it. A CSV larger than
    /// <see cref="MaxBytes"/> stops being read there: <see cref="ImportTooLargeException"/>.
    /// </summary>
    public async Task<ImportOutcome> ImportFileAsync(Incident incident, Stream content, bool isCsv, Actor by, CancellationToken cancellationToken = default)
    {
        var errors = NewProblems();
        if (isCsv)
        {
            using var reader = new StreamReader(new AtMostStream(content, MaxBytes), Encoding.UTF8);
            var (reports, origins) = await ReportFiles.ReadCsvAsync(reader, errors);
            return await ImportAsync(incident, reports, origins.Locate, errors, by, cancellationToken);
        }
        try
        {
            var reports = await JsonSerializer.DeserializeAsync<List<ReportSubmission?>>(content, json.Value.SerializerOptions, cancellationToken);
            if (reports is null)
                errors.Add("body", "Expected a JSON array of reports.");
            return await ImportAsync(incident, reports ?? [], field => field, errors, by, cancellationToken);
        }
        catch (JsonException e)
        {
            errors.Add(e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body",
                $"Not readable as the API's JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split(" Path:")[0]}");
            metrics.Imported(incident.Slug, stored: false, rows: 0, TimeSpan.Zero);
            return ImportOutcome.Refused(errors);
        }
    }

    public async Task<ImportOutcome> ImportAsync(Incident incident, IReadOnlyList<ReportSubmission?> submissions, Func<string, string> locate,
        ValidationErrors errors, Actor by, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await CheckAndStoreAsync(incident, submissions, locate, errors, by, cancellationToken);
        metrics.Imported(incident.Slug, outcome.Errors is null && outcome.Conflict is null, submissions.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private async Task<ImportOutcome> CheckAndStoreAsync(Incident incident, IReadOnlyList<ReportSubmission?> submissions, Func<string, string> locate,
        ValidationErrors errors, Actor by, CancellationToken cancellationToken)
    {
        var reports = new List<NewReport>();
        var firstById = new Dictionary<string, (int Index, NewReport Report)>(StringComparer.Ordinal);
        var refused = false;
        for (var i = 0; i < submissions.Count; i++)
        {
            if (!refused && errors.Unlisted > 0)
            {
                // Refused already, with more problems than are listed: the rest is only checked and counted, not kept.
                refused = true;
                (reports, firstById) = ([], []);
            }
            var rowErrors = new ValidationErrors();
            if (situation.Validator.Validate(submissions[i], incident, rowErrors, $"reports[{i}].") is { } report && !refused)
            {
                if (!firstById.TryAdd(report.Id, (i, report)) && firstById[report.Id] is var first && !report.SaysTheSameAs(first.Report))
                    rowErrors.Add($"reports[{i}].id", $"Report id '{report.Id}' is also at {locate($"reports[{first.Index}].id")} with different content; one id, one report.");
                reports.Add(report);
            }
            foreach (var (field, messages) in rowErrors.ToDictionary())
                foreach (var message in messages)
                    errors.Add(locate(field), message);
        }
        if (reports.Count == 0 && !errors.Any)
            errors.Add("body", "The file holds no reports.");
        if (errors.Any)
            return ImportOutcome.Refused(errors);

        try
        {
            var counts = await situation.ImportAsync(incident, reports, by, cancellationToken);
            return new ImportOutcome(counts.Created, counts.AlreadyStored, null, null);
        }
        catch (ReportIdConflictException e)
        {
            return new ImportOutcome(0, 0, null, e.Message);
        }
        catch (SourceKindConflictException e)
        {
            foreach (var (report, message) in e.Conflicts)
                errors.Add(locate($"reports[{report}].source.kind"), message);
            return ImportOutcome.Refused(errors);
        }
    }
}

/// <summary>The file is larger than an import may be; nothing was imported.</summary>
public sealed class ImportTooLargeException(int maxBytes) : IOException($"The file is larger than {maxBytes / 1048576} MB.")
{
    public int MaxBytes { get; } = maxBytes;
}

/// <summary>Reads through to another stream until <c>maxBytes</c> have come, then refuses: a body is never held whole.</summary>
internal sealed class AtMostStream(Stream inner, int maxBytes) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(int read)
    {
        _read += read;
        return _read > maxBytes ? throw new ImportTooLargeException(maxBytes) : read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
