using Dashboard.Situation;

namespace Dashboard.Data;

public sealed class IncidentEntity
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string HostCountry { get; set; }
    public required string TimeZone { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public Incident ToModel() => new(Id, Slug, Name, HostCountry, TimeZone, StartedAt, Location) { EndedAt = EndedAt, Latitude = Latitude, Longitude = Longitude };
}

/// <summary>
/// One row per report. A report is immutable once written, so its figures, event and people live with it
/// as JSON: the whole report is written and read in one statement.
/// </summary>
public sealed class ReportEntity
{
    public long Sequence { get; set; }
    public required string Id { get; set; }
    public int IncidentId { get; set; }
    public IncidentEntity? Incident { get; set; }
    public DateTimeOffset ReportedAt { get; set; }

    // SQLite cannot order DateTimeOffset text by instant, so the instant is kept as UTC ticks for as-of lookups.
    public long ReportedAtUtcTicks { get; set; }
    public required string SourceName { get; set; }
    public SourceKind SourceKind { get; set; }
    public required string Statement { get; set; }

    /// <summary>The statement in other languages, as JSON (<see cref="StatementTranslationsJson"/>); null without any.</summary>
    public string? StatementTranslations { get; set; }
    public string? Note { get; set; }

    /// <summary>The information's credibility, 1–6, as the report gave it; null when not graded.</summary>
    public int? Credibility { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<FigureEntity> Figures { get; set; } = [];
    public EventEntity? Event { get; set; }
    public List<PersonEntity> People { get; set; } = [];
    public RetractionEntity? Retraction { get; set; }

    /// <summary>Figures of the report withdrawn one by one, each with its own reason; the report's others still count.</summary>
    public List<FigureRetractionEntity> FigureRetractions { get; set; } = [];

    public static ReportEntity From(int incidentId, NewReport report, DateTimeOffset recordedAt) => new()
    {
        Id = report.Id,
        IncidentId = incidentId,
        ReportedAt = report.ReportedAt,
        ReportedAtUtcTicks = report.ReportedAt.UtcTicks,
        SourceName = report.Source.Name,
        SourceKind = report.Source.Kind,
        Statement = report.Statement,
        StatementTranslations = StatementTranslationsJson.Write(report.StatementTranslations),
        Note = report.Note,
        Credibility = report.Credibility,
        RecordedAt = recordedAt,
        Figures = report.Figures.Select(f => new FigureEntity
        {
            Group = f.Group, Status = f.Status, Scope = f.Scope, Organisation = f.Organisation,
            Count = f.Count, Qualifier = f.Qualifier, Low = f.Low, High = f.High,
        }).ToList(),
        Event = report.Event is { } e
            ? new EventEntity
            {
                At = e.At, Title = e.Title, Detail = e.Detail, Countries = [.. e.Countries],
                PlaceName = e.Place?.Name, PlaceLatitude = e.Place?.Latitude, PlaceLongitude = e.Place?.Longitude,
            }
            : null,
        People = report.People.Select(p => new PersonEntity
        {
            Name = p.Name, Nationality = p.Nationality, Status = p.Status,
        }).ToList(),
    };

    public Report ToModel(string incidentSlug) => new(
        Id,
        incidentSlug,
        ReportedAt,
        new Source(SourceName, SourceKind),
        Statement,
        Note,
        Figures.Select(f => new Figure(f.Group, f.Status, f.Scope, f.Organisation, f.Count, f.Qualifier) { Low = f.Low, High = f.High }).ToArray(),
        Event is { } e ? new TimelineEvent(e.At, e.Title, e.Detail, e.Countries.ToArray()) { Place = e.Place } : null,
        People.Select(p => new NamedPerson(p.Name, p.Nationality, p.Status)).ToArray(),
        RecordedAt,
        Sequence)
    {
        Retraction = Retraction is { } r ? new Retraction(r.RetractedAt, r.Reason, r.RetractedBy) : null,
        Credibility = Credibility,
        StatementTranslations = StatementTranslationsJson.Read(StatementTranslations),
        FigureRetractions = FigureRetractions.Count == 0 ? null : FigureRetractions.OrderBy(x => x.FigureIndex)
            .Select(x => new FigureRetraction(x.FigureIndex, new Retraction(x.RetractedAt, x.Reason, x.RetractedBy))).ToArray(),
    };
}

/// <summary>A report's retraction, kept beside it: the report itself is never changed.</summary>
public sealed class RetractionEntity
{
    public long Id { get; set; }
    public long ReportSequence { get; set; }
    public DateTimeOffset RetractedAt { get; set; }
    public long RetractedAtUtcTicks { get; set; }
    public required string Reason { get; set; }
    public required string RetractedBy { get; set; }
}

/// <summary>One figure of a report withdrawn, by its place in the report's figures; the report itself is never changed.</summary>
public sealed class FigureRetractionEntity
{
    public long Id { get; set; }
    public long ReportSequence { get; set; }
    public int FigureIndex { get; set; }
    public DateTimeOffset RetractedAt { get; set; }
    public long RetractedAtUtcTicks { get; set; }
    public required string Reason { get; set; }
    public required string RetractedBy { get; set; }
}

public sealed class FigureEntity
{
    public FigureGroup Group { get; set; }
    public FigureStatus Status { get; set; }
    public required string Scope { get; set; }
    public string? Organisation { get; set; }
    public int Count { get; set; }
    public Qualifier Qualifier { get; set; }
    public int? Low { get; set; }
    public int? High { get; set; }
}

public sealed class EventEntity
{
    public DateTimeOffset At { get; set; }
    public required string Title { get; set; }
    public string? Detail { get; set; }
    public List<string> Countries { get; set; } = [];
    public string? PlaceName { get; set; }
    public double? PlaceLatitude { get; set; }
    public double? PlaceLongitude { get; set; }

    public Place? Place => PlaceName is { } name && PlaceLatitude is { } lat && PlaceLongitude is { } lon ? new Place(name, lat, lon) : null;
}

public sealed class PersonEntity
{
    public required string Name { get; set; }
    public required string Nationality { get; set; }
    public FigureStatus Status { get; set; }
}

/// <summary>An append-only record of every change, written in the same transaction as the change itself.</summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long AtUtcTicks { get; set; }
    public required string Actor { get; set; }
    public string? Address { get; set; }
    public required string Action { get; set; }
    public string? Incident { get; set; }
    public required string Detail { get; set; }

    public static AuditEntryEntity For(Actor actor, DateTimeOffset at, string action, string? incident, string detail) => new()
    {
        At = at, AtUtcTicks = at.UtcTicks, Actor = actor.Name, Address = actor.Address, Action = action, Incident = incident,
        Detail = detail.Length > 2000 ? detail[..1997] + "..." : detail,
    };

    public AuditEntry ToModel() => new(At, Actor, Address, Action, Incident, Detail);
}

/// <summary>A report's translations in one column: a JSON array of {"language", "text"}, as the API carries them.</summary>
public static class StatementTranslationsJson
{
    // Letters of every script kept as they are (a CSV's reader reads the cell), not as \u escapes.
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string? Write(IReadOnlyList<StatementTranslation>? translations) =>
        translations is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(translations, Options) : null;

    public static IReadOnlyList<StatementTranslation>? Read(string? json) =>
        string.IsNullOrEmpty(json) ? null : System.Text.Json.JsonSerializer.Deserialize<StatementTranslation[]>(json, Options);
}
