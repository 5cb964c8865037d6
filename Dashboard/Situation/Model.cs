using System.Text.Json.Serialization;

namespace Dashboard.Situation;

public sealed record Incident(
    int Id, string Slug, string Name, string HostCountry, string TimeZone, DateTimeOffset StartedAt, string? Location)
{
    /// <summary>When the incident ended, as an Analyst marked it; null while it goes on.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Where the site is (degrees north and east, WGS 84), for the map's marker; null when nobody gave it.</summary>
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>Whether the incident had ended by <paramref name="moment"/>: its "still held" figures are then the past.</summary>
    public bool HasEndedBy(DateTimeOffset moment) => EndedAt is { } ended && ended <= moment;

    /// <summary>A figure of a state at a moment ("still held") reported before the end, read once the incident has ended
    /// by <paramref name="moment"/>: a statement about the end, not the present. A report at or after the end gives the present again.</summary>
    public bool CarriesPastTheEnd(Tally tally, DateTimeOffset moment) =>
        HasEndedBy(moment) && Terms.Of(tally.Status).IsPresentState && tally.ReportedAt < EndedAt!.Value;

    /// <summary>An instant as the clocks in the host country showed it, for display.</summary>
    public DateTimeOffset InLocalTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
}

public sealed record Source(string Name, SourceKind Kind)
{
    /// <summary>The source this figure came through when it relays another's word ("a Mauritanian news agency"); the
    /// source itself is then the originator, graded and weighed as such.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Via { get; init; }

    /// <summary>The name a report was filed under when its source record reads otherwise (another spelling, a source
    /// merged in, a relay); null when it is <see cref="Name"/>. Kept on the source, which a report's figures share.</summary>
    [JsonIgnore]
    public string? FiledAs { get; init; }
}

public sealed record Figure(
    FigureGroup Group, FigureStatus Status, string Scope, string? Organisation, int Count, Qualifier Qualifier)
{
    [JsonIgnore] public FigureKey Key => new(Group, Status, Scope, Organisation);

    /// <summary>The low end of an estimate's range ("38 (35–40)"), as ACLED gives low, best and high; with <see cref="High"/>, or neither.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Low { get; init; }

    /// <summary>The high end of an estimate's range.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? High { get; init; }
}

/// <summary>What one headline is about: the same key from different reports competes for the headline.</summary>
public readonly record struct FigureKey(FigureGroup Group, FigureStatus Status, string Scope, string? Organisation);

public sealed record TimelineEvent(DateTimeOffset At, string Title, string? Detail, IReadOnlyList<string> Countries)
{
    /// <summary>Where it happened, when the report says: a map lists the events at each place.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Place? Place { get; init; }
}

/// <summary>A named point (degrees north and east, WGS 84).</summary>
public sealed record Place(string Name, double Latitude, double Longitude);

public sealed record NamedPerson(string Name, string Nationality, FigureStatus Status);

/// <summary>A report's statement in another language than the source used: its language (ISO 639, "ja") and text.
/// A translation is the reader's help, marked as such; the statement stays what the source said.</summary>
public sealed record StatementTranslation(string Language, string Text)
{
    /// <summary>The translation a reader of <paramref name="language"/> is shown, if the report carries one.</summary>
    public static StatementTranslation? For(IReadOnlyList<StatementTranslation>? translations, string language) =>
        translations?.FirstOrDefault(t => string.Equals(t.Language.Split('-')[0], language, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A validated report, ready to be stored. Scopes are already normalised for the incident's host country.</summary>
public sealed record NewReport(
    string Id,
    DateTimeOffset ReportedAt,
    Source Source,
    string Statement,
    string? Note,
    IReadOnlyList<Figure> Figures,
    TimelineEvent? Event,
    IReadOnlyList<NamedPerson> People)
{
    /// <summary>How credible the source's information is, 1–6 (<see cref="Admiralty"/>); null when not graded.</summary>
    public int? Credibility { get; init; }

    /// <summary>The statement in other languages; null when the report carries none.</summary>
    public IReadOnlyList<StatementTranslation>? StatementTranslations { get; init; }

    /// <summary>Whether <paramref name="other"/> says exactly what this report says: a retry, not another report under the same id.</summary>
    public bool SaysTheSameAs(NewReport other) =>
        Id == other.Id && ReportedAt.EqualsExact(other.ReportedAt) && Source == other.Source && Credibility == other.Credibility
        && Statement == other.Statement && Note == other.Note
        && (StatementTranslations ?? []).SequenceEqual(other.StatementTranslations ?? [])
        && Figures.SequenceEqual(other.Figures) && People.SequenceEqual(other.People)
        && (Event is null
            ? other.Event is null
            : other.Event is { } e && Event.At.EqualsExact(e.At) && Event.Title == e.Title && Event.Detail == e.Detail && Event.Countries.SequenceEqual(e.Countries));
}

/// <summary>A report as stored: never edited in place; <see cref="Sequence"/> is the order it was committed in.</summary>
public sealed record Report(
    string Id,
    string IncidentSlug,
    DateTimeOffset ReportedAt,
    Source Source,
    string Statement,
    string? Note,
    IReadOnlyList<Figure> Figures,
    TimelineEvent? Event,
    IReadOnlyList<NamedPerson> People,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore] long Sequence)
{
    /// <summary>The report as it was submitted, to compare with a retry under its id.</summary>
    public NewReport AsSubmitted() => new(Id, ReportedAt, Source, Statement, Note, Figures, Event, People)
    {
        Credibility = Credibility, StatementTranslations = StatementTranslations,
    };

    /// <inheritdoc cref="NewReport.Credibility"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Credibility { get; init; }

    /// <inheritdoc cref="NewReport.StatementTranslations"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StatementTranslation>? StatementTranslations { get; init; }

    /// <summary>Set when the report was retracted: it stops counting from that moment, and stays in the history.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Retraction? Retraction { get; init; }

    /// <summary>Figures withdrawn one by one (the others still count); null when none was.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FigureRetraction>? FigureRetractions { get; init; }

    /// <summary>How the figure was withdrawn by <paramref name="moment"/>, with its report or alone; null while it counts.</summary>
    public Retraction? RetractionOf(Figure figure, DateTimeOffset moment)
    {
        if (Retraction is { } whole && whole.At <= moment)
            return whole;
        var index = IndexOf(figure);
        return FigureRetractions?.FirstOrDefault(r => r.Index == index && r.Retraction.At <= moment)?.Retraction;
    }

    // A report gives one figure per key, so the key finds its place.
    private int IndexOf(Figure figure)
    {
        for (var i = 0; i < Figures.Count; i++)
            if (Figures[i].Key == figure.Key)
                return i;
        return -1;
    }
}

public sealed record Retraction(DateTimeOffset At, string Reason, string By);

/// <summary>One figure of a report withdrawn: <see cref="Index"/> is its place (0-based) in the report's figures.</summary>
public sealed record FigureRetraction(int Index, Retraction Retraction);
