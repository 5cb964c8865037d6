namespace Dashboard.Situation.Ingestion;

/// <summary>The configurable part of the rules every report passes (section <c>Ingest</c>).</summary>
public sealed class IngestRules
{
    public const string Section = "Ingest";

    /// <summary>How long before the incident's start a report or event may be dated (a report about what led up to it).</summary>
    public double EarliestDaysBeforeStart { get; set; } = ReportValidator.DefaultEarliestBeforeStart.TotalDays;
}
