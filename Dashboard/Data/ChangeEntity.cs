namespace Dashboard.Data;

/// <summary>What one row of the change log says happened.</summary>
public enum ChangeKind { IncidentCreated, ReportStored, ReportRetracted }

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

    /// <summary>The report stored or retracted; null for an incident's own changes.</summary>
    public long? ReportSequence { get; set; }
    public ReportEntity? Report { get; set; }
}
