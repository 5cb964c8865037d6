namespace Dashboard.Observability;

/// <summary>
/// One structured line per write: incident, report id (the first, and how many), source kind, who and the outcome. The
/// trace id comes with the logging scope. Never a statement, a named person or a secret.
/// </summary>
public static partial class WriteLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Write to {Incident} by {Writer} ({Action}): {Outcome}; {Created} new, {AlreadyStored} already stored; report {ReportId} ({SourceKind}) and {Others} more")]
    public static partial void Stored(ILogger logger, string incident, string writer, string action, string outcome, int created, int alreadyStored,
        string reportId, string sourceKind, int others);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Write to {Incident} by {Writer} ({Action}): refused, {Outcome}; report {ReportId} and {Others} more")]
    public static partial void Refused(ILogger logger, string incident, string writer, string action, string outcome, string reportId, int others);
}
