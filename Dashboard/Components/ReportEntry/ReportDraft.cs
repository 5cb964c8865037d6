using System.Globalization;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Components.ReportEntry;

/// <summary>
/// What an analyst is typing, as plain strings, turned into the API's own <see cref="ReportSubmission"/> so that the
/// form is checked by the same validator as the API and imports; its error keys ("figures[0].count") lead back here.
/// </summary>
public sealed class ReportDraft
{
    public const string LocalFormat = "yyyy-MM-ddTHH:mm";

    public string SourceName { get; set; } = "";
    // No default: a source's kind is fixed when it is first used, so a new one must be given one on purpose.
    public string SourceKind { get; set; } = "";
    public string ReportedAtLocal { get; set; } = "";
    public string Statement { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>How credible the information is, 1–6, or null for ungraded.</summary>
    public int? Credibility { get; set; }
    public List<FigureRow> Figures { get; } = [new()];
    public bool HasEvent { get; set; }
    public string EventAtLocal { get; set; } = "";
    public string EventTitle { get; set; } = "";
    public string? EventDetail { get; set; }
    public IReadOnlyCollection<string> EventCountries { get; set; } = [];
    public List<PersonRow> People { get; } = [];

    public sealed class FigureRow
    {
        public string Group { get; set; } = Vocabulary.WireName(FigureGroup.Hostages);
        public string Status { get; set; } = Vocabulary.WireName(FigureStatus.Killed);
        public string Scope { get; set; } = Scopes.All;
        public string? Organisation { get; set; }
        public int? Count { get; set; }
        public string Qualifier { get; set; } = Vocabulary.WireName(global::Dashboard.Situation.Qualifier.Exact);
    }

    public sealed class PersonRow
    {
        public string Name { get; set; } = "";
        public string Nationality { get; set; } = "";
        public string Status { get; set; } = Vocabulary.WireName(FigureStatus.Freed);
    }

    /// <summary>A new draft reported now, by the host country's clocks.</summary>
    public static ReportDraft StartingNow(Incident incident, DateTimeOffset now)
    {
        var local = incident.InLocalTime(now).ToString(LocalFormat, CultureInfo.InvariantCulture);
        return new ReportDraft { ReportedAtLocal = local, EventAtLocal = local };
    }

    public ReportSubmission ToSubmission(Incident incident) => new(
        Id: null,
        ReportedAt: ToInstant(ReportedAtLocal, incident),
        Source: new SourceSubmission(SourceName, SourceKind.Length == 0 ? null : SourceKind),
        Statement: Statement,
        Note: string.IsNullOrWhiteSpace(Note) ? null : Note,
        Figures: Figures.Count == 0 ? null : Figures.Select(f => (FigureSubmission?)new FigureSubmission(
            f.Group, f.Status, f.Scope, string.IsNullOrWhiteSpace(f.Organisation) ? null : f.Organisation, f.Count, f.Qualifier)).ToList(),
        Event: HasEvent ? new EventSubmission(ToInstant(EventAtLocal, incident), EventTitle, string.IsNullOrWhiteSpace(EventDetail) ? null : EventDetail,
            EventCountries.Select(c => (string?)c).ToList()) : null,
        People: People.Count == 0 ? null : People.Select(p => (PersonSubmission?)new PersonSubmission(p.Name, p.Nationality, p.Status)).ToList(),
        Credibility: Credibility);

    /// <summary>
    /// A picker's time said in words beside it, with the clock it is in: "Saturday 19 January 2013, 13:00 — Africa/Algiers
    /// (UTC+01:00)", so a reader never wonders whether 01/02 is January or February, or whose 13:00 it is.
    /// </summary>
    public static string InWords(string? local, Incident incident)
    {
        if (ToInstant(local ?? "", incident) is not { } iso || !DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return Localization.Say.Format("Form.TimeZone", incident.TimeZone);
        return Localization.Say.Format("Form.TimeInWords", Localization.Say.Date(instant, "Format.LongDayTime"), incident.TimeZone, instant.ToString("zzz", CultureInfo.InvariantCulture));
    }

    /// <summary>A time typed in the host country's clock, as an ISO instant with that clock's offset (kept as typed if unreadable).</summary>
    public static string? ToInstant(string local, Incident incident)
    {
        if (string.IsNullOrWhiteSpace(local))
            return null;
        if (!DateTime.TryParseExact(local, [LocalFormat, LocalFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            return local;
        var offset = TimeZoneInfo.FindSystemTimeZoneById(incident.TimeZone).GetUtcOffset(clock);
        return new DateTimeOffset(clock, offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
