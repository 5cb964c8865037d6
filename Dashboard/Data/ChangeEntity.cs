namespace Dashboard.Data;

/// <summary>What one row of the change log says happened.</summary>
public enum ChangeKind
{
    IncidentCreated,
    /// <summary>Reports of the incident stored by one commit: those from <see cref="ChangeEntity.ReportSequence"/> to <see cref="ChangeEntity.LastReportSequence"/>.</summary>
    ReportStored,
    ReportRetracted,
    /// <summary>An Analyst marked the incident ended at a moment, or took that back (the incident row holds which).</summary>
    IncidentEnded,
    /// <summary>An Analyst graded a source of the incident (its row holds the latest grade).</summary>
    SourceGraded,
    /// <summary>One figure of a report (<see cref="ChangeEntity.FigureIndex"/>) withdrawn; the report's others still count.</summary>
    FigureRetracted,
    /// <summary>A source record changed: merged with another, renamed, or set to relay another (its row holds the latest).</summary>
    SourceChanged,
    /// <summary>A situation report was issued for the incident (its row in IssuedSitreps, by number).</summary>
    SitrepIssued,
}

/// <summary>
/// One change to what screens show, in commit order: the durable log every process's live picture is a projection of.
/// Written only by the journal, in the same transaction as the change itself and its audit entry.
/// </summary>
public sealed class ChangeEntity
{
    public long Sequence { get; set; }
    public ChangeKind Kind { get; set; }
    public int IncidentId { get; set; }
    public IncidentEntity? Incident { get; set; }

    /// <summary>The report retracted, or the first of the reports stored; null for an incident's own changes.</summary>
    public long? ReportSequence { get; set; }
    public ReportEntity? Report { get; set; }

    /// <summary>The last of the reports stored. One commit writes all of an incident's reports in one range of
    /// sequences (it is the only writer while it runs), so a storm of reports costs one row per commit, not per report.</summary>
    public long? LastReportSequence { get; set; }
    public ReportEntity? LastReport { get; set; }

    /// <summary>Which figure of the report was withdrawn, by its place in the report's figures.</summary>
    public int? FigureIndex { get; set; }

    /// <summary>The source record that changed (merged into, renamed, relaying).</summary>
    public int? SourceId { get; set; }
    public SourceEntity? Source { get; set; }

    /// <summary>The source whose grade changed.</summary>
    public int? SourceGradeId { get; set; }
    public SourceGradeEntity? SourceGrade { get; set; }
}
