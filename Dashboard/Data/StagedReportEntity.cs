using Dashboard.Situation;

namespace Dashboard.Data;

/// <summary>
/// A report of an import waiting for its commit. An import's reports are written here in small transactions, outside the
/// journal's turn; the commit then copies them into <see cref="ReportEntity"/> rows with one statement, so other writers
/// wait for that statement, not for the whole file. Removed once the import has committed or failed.
/// </summary>
public sealed class StagedReportEntity
{
    public long Id { get; set; }

    /// <summary>Which import the row belongs to.</summary>
    public required string Import { get; set; }

    /// <summary>Its place in the file: reports are stored in the file's order.</summary>
    public int Position { get; set; }

    /// <summary>When it was staged: rows of an import that never finished (its process died) are removed at start-up.</summary>
    public long StagedAtUtcTicks { get; set; }

    // The report as ReportEntity holds it, column for column.
    public required string ReportId { get; set; }
    public int IncidentId { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public long ReportedAtUtcTicks { get; set; }
    public required string SourceName { get; set; }
    public SourceKind SourceKind { get; set; }
    public required string Statement { get; set; }
    public string? StatementTranslations { get; set; }
    public string? Note { get; set; }
    public int? Credibility { get; set; }
    public List<FigureEntity> Figures { get; set; } = [];
    public EventEntity? Event { get; set; }
    public List<PersonEntity> People { get; set; } = [];

    public static StagedReportEntity From(string import, int position, int incidentId, NewReport report, DateTimeOffset stagedAt)
    {
        var entity = ReportEntity.From(incidentId, report, stagedAt);
        return new()
        {
            Import = import, Position = position, StagedAtUtcTicks = stagedAt.UtcTicks,
            ReportId = entity.Id, IncidentId = incidentId, ReportedAt = entity.ReportedAt, ReportedAtUtcTicks = entity.ReportedAtUtcTicks,
            SourceName = entity.SourceName, SourceKind = entity.SourceKind, Statement = entity.Statement, StatementTranslations = entity.StatementTranslations, Note = entity.Note,
            Credibility = entity.Credibility, Figures = entity.Figures, Event = entity.Event, People = entity.People,
        };
    }

}
