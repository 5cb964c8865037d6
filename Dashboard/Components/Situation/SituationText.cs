using System.Globalization;
using Dashboard.Localization;
using Dashboard.Situation;

namespace Dashboard.Components.Situation;

/// <summary>How the situation reads to a person: the words for qualifiers, statuses, scopes, times and flags.</summary>
public static class SituationText
{
    public static string GroupName(FigureGroup group) => Terms.Of(group).Words;

    public static string StatusName(FigureStatus status) => Terms.Of(status).Words;

    /// <summary>"Hostages killed", "Security forces killed", "Hostages at the site".</summary>
    public static string Heading(Tally tally) => Terms.Heading(tally.Group, tally.Status);

    /// <summary>Who the figure is about: "all", "foreign", "local (Algeria)", "United Kingdom", "BP".</summary>
    public static string ScopeName(string scope, Incident incident) => Terms.ScopeWords(scope, incident.HostCountry);

    /// <summary>The flag to show before a nationality's figure (markup, nothing for the others).</summary>
    public static Microsoft.AspNetCore.Components.MarkupString SubjectFlag(Tally tally) =>
        tally.Organisation is null && !Scopes.IsAggregate(tally.Scope) ? new HtmlBuilder().Markup(Flag(tally.Scope)).Text(" ").ToMarkup() : new("");

    public static string Subject(Tally tally, Incident incident) =>
        tally.Organisation is { } organisation ? Say.Format("Subject.Staff", organisation) : ScopeName(tally.Scope, incident);

    /// <summary>"hostages/killed/GB/" — marks a headline in the markup, the same on the page and the wall.</summary>
    public static string TallyKey(Tally tally) =>
        $"{Vocabulary.WireName(tally.Group)}/{Vocabulary.WireName(tally.Status)}/{tally.Scope}/{tally.Organisation}";

    /// <summary>A table cell with no figure: not reported, which is not zero (every table that shows it has the legend).</summary>
    public const string NotReported = "—";

    /// <summary>What a table's marks mean, under every table that uses them.</summary>
    public static string CellLegend => Say.Format("Legend.Cells", Terms.Of(Qualifier.AtLeast).CellMark, Terms.Of(Qualifier.Approximate).CellMark, NotReported);

    /// <summary>A count in a table cell: "≥2" for at least, "~100" for about, else the number.</summary>
    public static string CountCell(int count, Qualifier qualifier) => Terms.Of(qualifier).CellMark + count;

    /// <summary>
    /// A count against the total it is part of: "of 132", "of about 700"; but a count beyond an estimated total is no
    /// contradiction and says so: "— more than the ~30 first reported".
    /// </summary>
    public static string AgainstTotal(Tally tally, Tally total) =>
        tally.Count > total.Count && Terms.Of(total.Qualifier).Widens
            ? Say.Format("Total.MoreThanFirstReported", CountCell(total.Count, total.Qualifier))
            : Say.Format("Total.Of", Terms.CountWords(total.Count, total.Qualifier));

    /// <summary>The qualifier as a person would say it; empty for an exact figure.</summary>
    public static string QualifierWords(Qualifier qualifier, Source source) =>
        qualifier == Qualifier.Claimed ? Say.Format("Qualifier.ClaimedBy", LowerArticle(source.Name)) : Terms.Of(qualifier).Words;

    // "The kidnappers (...)" reads "claimed by the kidnappers (...)" in English.
    private static string LowerArticle(string name) =>
        Languages.Current == Languages.Default && name.StartsWith("The ", StringComparison.Ordinal) ? "the " + name[4..] : name;

    /// <summary>
    /// A figure's grade as the reader sees it beside its source: "B2" (or "ungraded"), with its meaning in words on hover
    /// (title) and read out in words (an image's name: many screen readers skip a title, and would spell "B 2").
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString Grade(string? reliability, int? credibility)
    {
        var (code, words) = (Admiralty.Code(reliability, credibility), Admiralty.Words(reliability, credibility));
        return new HtmlBuilder()
            .Open("span", Admiralty.IsGraded(reliability, credibility) ? "source-grade" : "source-grade source-ungraded",
                ("role", "img"), ("aria-label", Say.Format("Grade.Label", code, words)), ("title", words))
            .Text(code).Close("span").ToMarkup();
    }

    /// <summary>
    /// The flag of an ISO 3166-1 alpha-2 code as the app's own SVG (flag-icons, copied at build), beside the country's
    /// name or code, so it is decoration (empty alt); nothing for a code with no flag.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString Flag(string code) =>
        code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1])
            ? new HtmlBuilder().Void("img", "flag", ("src", $"flags/{code.ToLowerInvariant()}.svg"), ("alt", "")).ToMarkup()
            : new("");

    /// <summary>"Sat 19 Jan, 20:00" in the incident's own time zone.</summary>
    public static string LocalTime(DateTimeOffset instant, Incident incident) =>
        Say.Date(incident.InLocalTime(instant), "Format.DayTime");

    /// <summary>What a live screen says instead of LIVE while its picture cannot catch up with the change log.</summary>
    public static string Behind(DateTimeOffset since, Incident incident, DateTimeOffset now) => Say.Format("Live.Behind", ClockOrDate(since, incident, now));

    /// <summary>What a live screen says when no report has come for longer than it should.</summary>
    public static string Stale(DateTimeOffset since, Incident incident, DateTimeOffset now) => Say.Format("Live.Stale", ClockOrDate(since, incident, now));

    /// <summary>
    /// "23:30" for a time of today (in the incident's clock), else with its date, "Sat 19 Jan, 23:30", and its year when
    /// not this year's, "Sat 19 Jan 2013, 23:30": a bare clock time beside a clock showing another day misleads.
    /// </summary>
    public static string ClockOrDate(DateTimeOffset instant, Incident incident, DateTimeOffset now)
    {
        var (local, today) = (incident.InLocalTime(instant), incident.InLocalTime(now));
        return Say.Date(local, local.Date == today.Date ? "Format.Clock" : local.Year == today.Year ? "Format.DayTime" : "Format.DayYearTime");
    }

    public static string BehindExplained => Say.Text("Live.BehindExplained");

    public static string LocalClock(DateTimeOffset instant, Incident incident) =>
        Say.Date(incident.InLocalTime(instant), "Format.Clock");

    public static string LocalDay(DateTimeOffset instant, Incident incident) =>
        Say.Date(incident.InLocalTime(instant), "Format.Day");

    /// <summary>"Africa/Algiers, UTC+01:00" for the moment shown.</summary>
    public static string ZoneName(Incident incident, DateTimeOffset at)
    {
        var offset = incident.InLocalTime(at).Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{incident.TimeZone}, UTC{sign}{offset:hh\\:mm}";
    }

    /// <summary>How long before the moment shown a figure was reported: "just now", "3 h 10 min", "2 days", "13 years".</summary>
    public static string Elapsed(DateTimeOffset reportedAt, DateTimeOffset asOf)
    {
        var span = asOf - reportedAt;
        if (IsJustNow(span)) return Say.Text("Elapsed.JustNow");
        if (span < TimeSpan.FromHours(1)) return Say.Format("Elapsed.Minutes", (int)span.TotalMinutes);
        if (span < TimeSpan.FromHours(48)) return span.Minutes == 0 ? Say.Format("Elapsed.Hours", (int)span.TotalHours) : Say.Format("Elapsed.HoursMinutes", (int)span.TotalHours, span.Minutes);
        if (span < TimeSpan.FromDays(60)) return Say.Count("Elapsed.Days", (int)span.TotalDays);
        if (span < TimeSpan.FromDays(730)) return Say.Count("Elapsed.Months", (int)(span.TotalDays / 30.4));
        return Say.Count("Elapsed.Years", (int)(span.TotalDays / 365.25));
    }

    private static bool IsJustNow(TimeSpan span) => span < TimeSpan.FromMinutes(1);

    /// <summary>"just now" or "3 min ago".</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now) =>
        IsJustNow(now - then) ? Elapsed(then, now) : Say.Format("Elapsed.Ago", Elapsed(then, now));

    /// <summary>How long a figure counts as recent enough for its age to say something ("3 h ago"; "13 years ago" does not).</summary>
    public static readonly TimeSpan RecentFor = TimeSpan.FromHours(48);

    /// <summary>When a figure was reported, in the host country's clock ("Sat 19 Jan, 20:00"), with its age while recent.</summary>
    public static string ReportedWhen(DateTimeOffset reportedAt, DateTimeOffset asOf, bool live, Incident incident)
    {
        var when = LocalTime(reportedAt, incident);
        if (asOf - reportedAt >= RecentFor)
            return when;
        return IsJustNow(asOf - reportedAt) ? Say.Format("When.JustNow", when)
            : Say.Format(live ? "When.Ago" : "When.BeforeThisMoment", when, Elapsed(reportedAt, asOf));
    }
}
