using System.Globalization;
using Dashboard.Components.Situation;
using Dashboard.Localization;
using Dashboard.Situation;

namespace Dashboard.Components.Briefing;

/// <summary>The situation report's words, the same on the printed page and in the PDF.</summary>
public static class SitrepText
{
    public static string Kind => Say.Text("Sitrep.Kind");

    /// <summary>The statuses of the per-nationality table, in its column order.</summary>
    public static readonly IReadOnlyList<FigureStatus> CountryColumns = Terms.ShownIn(StatusTables.PageCountries);

    /// <summary>The key figures charted in a report: two rows of two on paper.</summary>
    public const int ChartsShown = 4;

    public static string ChartKey => Say.Text("Sitrep.ChartKey");

    /// <summary>What the map's shades mean, under it.</summary>
    public static string MapKey(SituationSnapshot situation) =>
        Say.Format("Sitrep.MapKey", string.Join(Say.Text("List.Separator"), Dashboard.Maps.CountryShading.Legend.Select(shade => Dashboard.Maps.CountryShading.Words(shade, situation.HasEnded))))
        + (situation.Incident.Latitude is { } lat && situation.Incident.Longitude is { } lon
            ? Say.Format("Sitrep.MapSite", Dashboard.Components.Maps.MapLayout.Coordinates(lat, lon)) : Say.Text("Sitrep.MapEnd"));

    /// <summary>"Situation as of Friday 18 January 2013, 23:00 (Africa/Algiers, UTC+01:00)", and whether it is live.</summary>
    public static string AsOf(SituationSnapshot situation, bool live) =>
        Say.Format("Sitrep.AsOf", BriefingText.Moment(situation.AsOf, situation.Incident), SituationText.ZoneName(situation.Incident, situation.AsOf))
        + (live ? Say.Text("Sitrep.LiveAtPrinting") : "");

    /// <summary>"Algeria · In Amenas gas facility · began Wed 16 Jan, 05:40 · ended … · generated 2026-11-26 14:00 UTC · nationalities: …".</summary>
    public static string Particulars(SituationSnapshot situation, CountryFilter filter, DateTimeOffset generated)
    {
        var incident = situation.Incident;
        var parts = new List<string> { Countries.NameOf(incident.HostCountry) };
        if (incident.Location is { } place)
            parts.Add(place);
        parts.Add(Say.Format("Sitrep.Began", SituationText.LocalTime(incident.StartedAt, incident)));
        if (situation.HasEnded)
            parts.Add(Say.Format("Sitrep.Ended", SituationText.LocalTime(incident.EndedAt!.Value, incident)));
        parts.Add(Say.Format("Sitrep.Generated", generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        if (!filter.IsEmpty)
            parts.Add(Say.Format("Sitrep.Nationalities", Countries.ListOf(filter.Codes)));
        return string.Join(" · ", parts);
    }

    /// <summary>The figures in the order the reader needs (<see cref="InReadingOrder"/>), claims left to their own section.</summary>
    public static IEnumerable<Tally> Rows(TallyArrangement arrangement, CountryFilter filter) => InReadingOrder(arrangement, filter).Where(t => !t.IsClaim);

    /// <summary>What the perpetrators or others claim, in the same order: a section of their own, never a figure's row.</summary>
    public static IEnumerable<Tally> Claims(TallyArrangement arrangement, CountryFilter filter) => InReadingOrder(arrangement, filter).Where(t => t.IsClaim);

    // Narrowed to nationalities, theirs first, then the overall figures; otherwise overall, by nationality, by organisation.
    private static IEnumerable<Tally> InReadingOrder(TallyArrangement arrangement, CountryFilter filter) =>
        (filter.IsEmpty ? arrangement.Overall.Concat(arrangement.Nationalities) : arrangement.Nationalities.Concat(arrangement.Overall))
        .Concat(arrangement.Organisations);

    public static string ClaimsTitle => Say.Text("Sitrep.ClaimsTitle");
    public static string KeyPointsTitle => Say.Text("Sitrep.KeyPointsTitle");
    public static string OverTimeTitle => Say.Text("Sitrep.OverTimeTitle");
    public static string SourcesTitle => Say.Text("Sitrep.SourcesTitle");

    /// <summary>"Issued Sat 19 Jan 2013, 21:00 by duty.officer@example.org".</summary>
    public static string IssuedBy(SitrepIssue issue, Incident incident) =>
        Say.Format("Sitrep.IssuedBy", BriefingText.Moment(issue.IssuedAt, incident), issue.Author);

    public static string GradedSinceTitle => Say.Text("Sitrep.GradedSinceTitle");

    /// <summary>The sources whose grade was set after the changes' earlier moment: a change of weight, as much as a new figure.</summary>
    public static IReadOnlyList<GradedSource> GradedSince(IReadOnlyList<GradedSource> sources, ChangesSince changes) =>
        [.. sources.Where(s => s.GradedAt is { } at && at > changes.Since).OrderBy(s => s.GradedAt)];

    /// <summary>"Algerian interior ministry (government): graded B2 by … on …", or "ungraded".</summary>
    public static string SourceLine(GradedSource source) =>
        Say.Format("Sitrep.SourceLine", Terms.SourceWords(source.Source), Terms.SourceKindWords(source.Source.Kind), source.Reliability is { } grade
            ? source.GradedBy is { } by ? Say.Format("Sitrep.GradedBy", grade, by) : Say.Format("Sitrep.Graded", grade)
            : Say.Text("Sitrep.Ungraded"));

    /// <summary>"Hostages killed — in all", without flags (a PDF's font has none).</summary>
    public static string Figure(Tally tally, Incident incident) => BriefingText.What(tally.Key, incident);

    /// <summary>"about 100 of 132", "provisional 12 of 700", "claimed 35 of 132", "23 of 700": every qualifier but exact
    /// is said (who claims it is said beside the source).</summary>
    public static string Count(Tally tally, TallyArrangement arrangement)
    {
        var count = tally.Qualifier is Qualifier.Provisional or Qualifier.Claimed
            ? Say.Format("Sitrep.QualifiedCount", Terms.Of(tally.Qualifier).Words, tally.Count)
            : Terms.CountWords(tally.Count, tally.Qualifier);
        count += Terms.RangeWords(tally.Low, tally.High);
        return arrangement.TotalFor(tally) is { } total ? $"{count} {SituationText.AgainstTotal(tally, total)}" : count;
    }

    /// <summary>What is said before the source: that the figure is the last before the end, or only a claim.</summary>
    public static string Standing(Tally tally, SituationSnapshot situation) =>
        (situation.IsBeforeTheEnd(tally) ? Say.Text("Sitrep.BeforeTheEnd") : "") + (tally.IsClaim ? Say.Text("Sitrep.ClaimNotConfirmed") : "");

    /// <summary>"Algerian interior ministry (government) · A1 · Sat 19 Jan, 20:00"; "ungraded" when it is.</summary>
    public static string Source(Tally tally, Incident incident) =>
        Say.Format("Sitrep.Source", Terms.SourceWords(tally.Source), Terms.SourceKindWords(tally.Source.Kind), tally.Grade, SituationText.LocalTime(tally.ReportedAt, incident));

    /// <summary>"2 earlier figures: 12 (earlier, Media reports, Fri 18 Jan, 18:00); …", or "none".</summary>
    public static string Disagreements(Tally tally, Incident incident) =>
        (tally.Conflicts.Count == 0 ? "" : Terms.ConflictWords(tally.Conflicts) + (tally.Alternatives.Count == 0 ? "" : ". "))
        + (tally.Alternatives.Count == 0
        ? tally.Conflicts.Count == 0 ? Say.Text("Sitrep.NoDisagreement") : ""
        : Say.Format("Sitrep.Alternatives", AlternativeRelations.Summary(tally.Alternatives), string.Join("; ", tally.Alternatives.Select(a =>
            Say.Format("Sitrep.Alternative", a.Count, AlternativeRelations.Heading(a.Relation).ToLower(Say.Culture), Terms.SourceWords(a.Source), a.Grade, SituationText.LocalTime(a.ReportedAt, incident))))));

    /// <summary>A nationality's count for a status: "3", "3 (claimed)", or "—".</summary>
    public static string CountryCell(CountryBreakdown row, FigureStatus status)
    {
        var key = Vocabulary.WireName(status);
        if (!row.Counts.TryGetValue(key, out var count))
            return "—";
        return Terms.CountWords(count, row.Qualifiers.GetValueOrDefault(key)); // "at least 2", "5 (provisional)": no qualifier dropped
    }
}
