namespace Dashboard.Situation.Ingestion;

// The shapes a report or incident arrives in: from the API's JSON, the seed file and (later) the form and imports.
// Everything is optional and loosely typed here so that validation can name every problem at once.

public sealed record ReportSubmission(
    string? Id,
    string? ReportedAt,
    SourceSubmission? Source,
    string? Statement,
    string? Note,
    List<FigureSubmission?>? Figures,
    EventSubmission? Event,
    List<PersonSubmission?>? People,
    int? Credibility = null,
    List<StatementTranslationSubmission?>? StatementTranslations = null);

/// <summary>The statement in another language, and which: <c>{"language": "ja", "text": "…"}</c>.</summary>
public sealed record StatementTranslationSubmission(string? Language, string? Text);

public sealed record SourceSubmission(string? Name, string? Kind);

public sealed record FigureSubmission(
    string? Group, string? Status, string? Scope, string? Organisation, int? Count, string? Qualifier, int? Low = null, int? High = null);

public sealed record EventSubmission(string? At, string? Title, string? Detail, List<string?>? Countries, PlaceSubmission? Place = null);

/// <summary>Where an event happened: a name and its coordinates in degrees (south and west negative).</summary>
public sealed record PlaceSubmission(string? Name, double? Latitude, double? Longitude);

public sealed record PersonSubmission(string? Name, string? Nationality, string? Status);

public sealed record IncidentSubmission(
    string? Slug, string? Name, string? HostCountry, string? StartedAt, string? Location, string? TimeZone,
    double? Latitude = null, double? Longitude = null);

public sealed record RetractionSubmission(string? Reason);

/// <summary>A grade for one source of an incident: its reliability, A–F, or null for ungraded.</summary>
public sealed record SourceGradeSubmission(string? Source, string? Reliability);

/// <summary>When the incident ended (ISO 8601 with an offset).</summary>
public sealed record EndSubmission(string? EndedAt);
