namespace Dashboard.Data;

/// <summary>
/// How reliable Analysts hold one source of one incident to be (A–F), the latest word: the change log says when it
/// changed and the audit log what it was before. A source made ungraded keeps its row with no grade.
/// </summary>
public sealed class SourceGradeEntity
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public IncidentEntity? Incident { get; set; }

    /// <summary>The source's name folded to lower case: sources are told apart without regard to case.</summary>
    public required string SourceKey { get; set; }
    public required string SourceName { get; set; }
    public string? Reliability { get; set; }
    public DateTimeOffset GradedAt { get; set; }
    public required string GradedBy { get; set; }

    public static string KeyOf(string sourceName) => Situation.SourceNames.KeyOf(sourceName);
}
