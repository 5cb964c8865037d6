using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Situation.Transfer;

/// <summary>
/// Reports to and from files: JSON in the API's own report format, and CSV with one figure per row. Reading turns a
/// file into submissions for the usual validation, remembering where each came from so errors name line and column.
/// </summary>
public static class ReportFiles
{
    public static readonly string[] CsvColumns =
        ["reportId", "reportedAt", "sourceName", "sourceKind", "statement", "group", "status", "scope", "organisation", "count", "qualifier", "credibility", "low", "high", "statementTranslations"];

    // Columns a file may leave out: an id is then made from the report's time, source and statement; a figure may
    // belong to no organisation; a report may be ungraded (and files from before grading have no such column).
    // A statement's translations are the API's JSON array in one cell: [{"language":"ja","text":"…"}].
    private static readonly string[] OptionalColumns = ["reportId", "organisation", "credibility", "low", "high", "statementTranslations"];

    /// <summary>Columns an export adds for the reader (each figure's standing, a retraction's who, when and why); an
    /// import accepts and ignores them, and leaves out rows of retracted reports, which did not count.</summary>
    public static readonly string[] ExportOnlyColumns = ["standing", "retractedAt", "retractedBy", "retractionReason"];

    private const string OffsetFormat = "yyyy-MM-ddTHH:mm:sszzz";

    public static ReportSubmission ToSubmission(Report report) => new(
        report.Id,
        report.ReportedAt.ToString(OffsetFormat, CultureInfo.InvariantCulture),
        new SourceSubmission(report.Source.Name, Vocabulary.WireName(report.Source.Kind)),
        report.Statement,
        report.Note,
        report.Figures.Select(f => (FigureSubmission?)new FigureSubmission(
            Vocabulary.WireName(f.Group), Vocabulary.WireName(f.Status), f.Scope, f.Organisation, f.Count, Vocabulary.WireName(f.Qualifier), f.Low, f.High)).ToList(),
        report.Event is { } e ? new EventSubmission(e.At.ToString(OffsetFormat, CultureInfo.InvariantCulture), e.Title, e.Detail, e.Countries.Select(c => (string?)c).ToList()) : null,
        report.People.Count == 0 ? null : report.People.Select(p => (PersonSubmission?)new PersonSubmission(p.Name, p.Nationality, Vocabulary.WireName(p.Status))).ToList(),
        report.Credibility,
        report.StatementTranslations?.Select(t => (StatementTranslationSubmission?)new StatementTranslationSubmission(t.Language, t.Text)).ToList());

    public static async Task WriteCsvAsync(IEnumerable<Report> reports, TextWriter output, ExportView? view = null, bool withRetractions = false)
    {
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in CsvColumns.Concat(view is null ? [] : withRetractions ? ExportOnlyColumns : ExportOnlyColumns.Take(1)))
            csv.WriteField(column);
        await csv.NextRecordAsync();
        foreach (var report in reports)
        {
            foreach (var f in report.Figures)
            {
                csv.WriteField(report.Id);
                csv.WriteField(report.ReportedAt.ToString(OffsetFormat, CultureInfo.InvariantCulture));
                csv.WriteField(SpreadsheetText.Neutralise(report.Source.Name));
                csv.WriteField(Vocabulary.WireName(report.Source.Kind));
                csv.WriteField(SpreadsheetText.Neutralise(report.Statement));
                csv.WriteField(Vocabulary.WireName(f.Group));
                csv.WriteField(Vocabulary.WireName(f.Status));
                csv.WriteField(f.Scope);
                csv.WriteField(SpreadsheetText.Neutralise(f.Organisation ?? ""));
                csv.WriteField(f.Count);
                csv.WriteField(Vocabulary.WireName(f.Qualifier));
                csv.WriteField(report.Credibility?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(f.Low?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(f.High?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(SpreadsheetText.Neutralise(Data.StatementTranslationsJson.Write(report.StatementTranslations) ?? ""));
                if (view is not null)
                {
                    csv.WriteField(Vocabulary.WireName(view.StandingOf(report, f)));
                    if (withRetractions)
                    {
                        var retraction = report.RetractionOf(f, view.Moment);
                        csv.WriteField(retraction?.At.ToString(OffsetFormat, CultureInfo.InvariantCulture) ?? "");
                        csv.WriteField(SpreadsheetText.Neutralise(retraction?.By ?? ""));
                        csv.WriteField(SpreadsheetText.Neutralise(retraction?.Reason ?? ""));
                    }
                }
                await csv.NextRecordAsync();
            }
        }
    }

    /// <summary>Where a submission's fields came from in a CSV file, to word errors as line and column.</summary>
    public sealed class CsvOrigins
    {
        private readonly Dictionary<(int Report, int Figure), int> _figureLines = [];
        private readonly Dictionary<int, int> _reportLines = [];

        public void Add(int report, int figure, int line)
        {
            _figureLines[(report, figure)] = line;
            _reportLines.TryAdd(report, line);
        }

        /// <summary>"reports[2].figures[1].count" → "line 7, column count".</summary>
        public string Locate(string path)
        {
            var match = System.Text.RegularExpressions.Regex.Match(path, @"^reports\[(\d+)\]\.?(?:figures\[(\d+)\]\.?)?(.*)$");
            if (!match.Success)
                return path;
            var report = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var line = match.Groups[2].Success && _figureLines.TryGetValue((report, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)), out var l)
                ? l : _reportLines.GetValueOrDefault(report);
            var field = match.Groups[3].Value;
            var column = field switch
            {
                "source.name" => "sourceName",
                "source.kind" => "sourceKind",
                "" => null,
                _ => field,
            };
            return column is null ? $"line {line}" : $"line {line}, column {column}";
        }
    }

    /// <summary>
    /// Reads a CSV of figures into reports: rows with the same reportId (or, without one, the same time, source and
    /// statement) are one report. Structural problems are added to <paramref name="errors"/> by line and column.
    /// </summary>
    public static async Task<(List<ReportSubmission?> Reports, CsvOrigins Origins)> ReadCsvAsync(TextReader input, ValidationErrors errors)
    {
        var reports = new List<ReportSubmission?>();
        var origins = new CsvOrigins();
        var byId = new Dictionary<string, (int Index, int Line, string ReportedAt, string SourceName, string SourceKind, string Statement, string Credibility, string Translations)>(StringComparer.Ordinal);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectDelimiter = false, BadDataFound = null };
        using var csv = new CsvReader(input, config);

        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            errors.Add("line 1", "The file is empty: expected a header row with " + string.Join(", ", CsvColumns) + ".");
            return (reports, origins);
        }
        var header = csv.HeaderRecord!;
        foreach (var missing in CsvColumns.Where(c => !OptionalColumns.Contains(c) && !header.Contains(c, StringComparer.OrdinalIgnoreCase)))
            errors.Add($"line 1, column {missing}", "This column is missing from the header.");
        // As JSON refuses a field it does not know, a column the import would drop is refused rather than lost.
        foreach (var unknown in header.Where(h => !CsvColumns.Contains(h, StringComparer.OrdinalIgnoreCase) && !ExportOnlyColumns.Contains(h, StringComparer.OrdinalIgnoreCase)))
            errors.Add($"line 1, column {unknown}", $"Unknown column: the columns are {string.Join(", ", CsvColumns)}.");
        if (errors.Any)
            return (reports, origins);

        string Field(string column) => csv.TryGetField<string>(column, out var value) ? value ?? "" : "";
        string Text(string column) => SpreadsheetText.Restore(Field(column));

        while (await csv.ReadAsync())
        {
            var line = csv.Parser.Row;
            if (Field("standing") == Vocabulary.WireName(FigureStanding.Retracted))
                continue; // a retracted report did not count; it is in the file for the reader
            var reportedAt = Field("reportedAt");
            var sourceName = Text("sourceName");
            var sourceKind = Field("sourceKind");
            var statement = Text("statement");
            var credibility = Field("credibility");
            var translations = Text("statementTranslations");
            var id = Field("reportId");
            if (id.Length == 0)
                id = "csv-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{reportedAt}\n{sourceName}\n{statement}")))[..20];

            if (!byId.TryGetValue(id, out var report))
            {
                report = (reports.Count, line, reportedAt, sourceName, sourceKind, statement, credibility, translations);
                byId[id] = report;
                int? graded = int.TryParse(credibility, NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;
                if (graded is null && credibility.Length > 0)
                    errors.Add($"line {line}, column credibility", $"'{credibility}' is not a whole number. {Admiralty.CredibilityRule}");
                reports.Add(new ReportSubmission(id, reportedAt, new SourceSubmission(NullIfEmpty(sourceName), NullIfEmpty(sourceKind)),
                    NullIfEmpty(statement), null, [], null, null, graded, Translations(translations, line, errors)));
            }
            else if (report.ReportedAt != reportedAt || report.SourceName != sourceName || report.SourceKind != sourceKind || report.Statement != statement || report.Credibility != credibility || report.Translations != translations)
            {
                errors.Add($"line {line}", $"Report '{id}' is on line {report.Line} with another time, source, statement, credibility or translation; a report's rows must agree.");
                continue;
            }

            var count = Field("count");
            int? parsedCount = int.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c) ? c : null;
            if (parsedCount is null && count.Length > 0)
                errors.Add($"line {line}, column count", $"'{count}' is not a whole number.");
            var figures = reports[report.Index]!.Figures!;
            origins.Add(report.Index, figures.Count, line);
            figures.Add(new FigureSubmission(NullIfEmpty(Field("group")), NullIfEmpty(Field("status")), NullIfEmpty(Field("scope")),
                NullIfEmpty(Text("organisation")), parsedCount ?? (count.Length > 0 ? 0 : null), NullIfEmpty(Field("qualifier")),
                WholeNumber(Field("low"), "low", line, errors), WholeNumber(Field("high"), "high", line, errors)));
        }
        if (reports.Count == 0 && !errors.Any)
            errors.Add("line 2", "The file has a header but no rows.");
        return (reports, origins);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static List<StatementTranslationSubmission?>? Translations(string cell, int line, ValidationErrors errors)
    {
        if (cell.Length == 0)
            return null;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<StatementTranslationSubmission?>>(cell, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        }
        catch (System.Text.Json.JsonException)
        {
            errors.Add($"line {line}, column statementTranslations", "Expected the API's JSON array: [{\"language\": \"ja\", \"text\": \"…\"}].");
            return null;
        }
    }

    private static int? WholeNumber(string value, string column, int line, ValidationErrors errors)
    {
        if (value.Length == 0)
            return null;
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number;
        errors.Add($"line {line}, column {column}", $"'{value}' is not a whole number.");
        return null;
    }
}
