namespace Dashboard.Data;

/// <summary>
/// A situation report as issued: numbered for its incident, with its author, key points and marking, and its PDF and
/// page exactly as they were made then (with the PDF's SHA-256). Never changed after it is written.
/// </summary>
public sealed class IssuedSitrepEntity
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public IncidentEntity? Incident { get; set; }
    public int Number { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset AsOf { get; set; }
    /// <summary>The moment its changes run from (the previous issued report's), or null for none.</summary>
    public DateTimeOffset? Since { get; set; }
    /// <summary>The nationalities it was narrowed to, as ISO codes joined by commas; empty for all.</summary>
    public required string Countries { get; set; }
    public required string Summary { get; set; }
    public string? Marking { get; set; }
    public required byte[] Pdf { get; set; }
    /// <summary>Its page as HTML, rendered when it was issued.</summary>
    public required string Page { get; set; }
    public required string Sha256 { get; set; }
}
