using Dashboard.Situation;

namespace Dashboard.Data;

/// <summary>
/// One source of one incident: a name, a kind fixed when it was first used, the names it has been reported under
/// (<see cref="Aliases"/>, matched by <see cref="SourceNames.KeyOf"/>), and optionally the source it relays (the
/// kidnappers, via a news agency). Reports keep the name they were filed under; this record says who that was.
/// </summary>
public sealed class SourceEntity
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public IncidentEntity? Incident { get; set; }
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }

    /// <summary>The source whose word this one passes on; figures through it are graded as the originator's.</summary>
    public int? RelaysId { get; set; }
    public SourceEntity? Relays { get; set; }

    /// <summary>Set once merged into another: the other holds its names and reports from then on.</summary>
    public int? MergedIntoId { get; set; }

    public List<SourceAliasEntity> Aliases { get; set; } = [];
}

/// <summary>A name a source has been reported under, folded (<see cref="SourceNames.KeyOf"/>): one per incident.</summary>
public sealed class SourceAliasEntity
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public int SourceId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
}
