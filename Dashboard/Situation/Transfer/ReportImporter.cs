using System.Text;
using System.Text.Json;
using Dashboard.Situation.Ingestion;
using Microsoft.Extensions.Options;

namespace Dashboard.Situation.Transfer;

/// <summary>How an import ended: how many reports were new and how many were stored already, or why nothing was.</summary>
public sealed record ImportOutcome(int Created, int AlreadyStored, IDictionary<string, string[]>? Errors, string? Conflict)
{
    public bool Succeeded => Errors is null && Conflict is null;
}

/// <summary>
/// Imports a file of reports all-or-nothing, for the API and the page alike: every report is validated first
/// (problems located by line and column for CSV), and only a file without a single problem is written, in one
/// transaction, with reports already stored (same id) adding nothing.
/// </summary>
public sealed class ReportImporter(SituationService situation, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, Observability.DashboardMetrics metrics)
{
    public const int MaxBytes = 50 * 1024 * 1024;

    /// <summary>Reads a CSV (one figure per row) or a JSON array of reports, then imports it.</summary>
    public async Task<ImportOutcome> ImportFileAsync(Incident incident, Stream content, bool isCsv, Actor by, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (isCsv)
        {
            using var reader = new StreamReader(content, Encoding.UTF8);
            var (reports, origins) = ReportFiles.ReadCsv(reader, errors);
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
            return new ImportOutcome(0, 0, errors.ToDictionary(), null);
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
        var reports = new List<NewReport>(submissions.Count);
        var firstById = new Dictionary<string, (int Index, NewReport Report)>(StringComparer.Ordinal);
        for (var i = 0; i < submissions.Count; i++)
        {
            var rowErrors = new ValidationErrors();
            if (situation.Validator.Validate(submissions[i], incident, rowErrors, $"reports[{i}].") is { } report)
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
            return new ImportOutcome(0, 0, errors.ToDictionary(), null);

        try
        {
            var outcomes = await situation.SubmitAsync(incident, reports, by, "import", cancellationToken);
            return new ImportOutcome(outcomes.Count(o => o.Result == WriteResult.Created), outcomes.Count(o => o.Result == WriteResult.AlreadyStored), null, null);
        }
        catch (ReportIdConflictException e)
        {
            return new ImportOutcome(0, 0, null, e.Message);
        }
        catch (SourceKindConflictException e)
        {
            foreach (var (report, message) in e.Conflicts)
                errors.Add(locate($"reports[{report}].source.kind"), message);
            return new ImportOutcome(0, 0, errors.ToDictionary(), null);
        }
    }
}
