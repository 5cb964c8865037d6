using System.Runtime.CompilerServices;
using Dashboard.Localization;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Situation;

/// <summary>
/// One headline card, worked out once per figure and shared by every open screen that shows it: what the card says
/// that does not depend on the clock, its static part as finished HTML. Each screen then holds a few frames per card
/// instead of some fifty, and asking whether a card changed is one comparison.
/// </summary>
public sealed class TallyCardView
{
    // Keyed by the figure: a live state keeps the Tally of every headline the write left alone, so its view is kept too;
    // one per language the figure is read in.
    private static readonly ConditionalWeakTable<Tally, Made> Views = new();

    private TallyCardView(Tally tally, Incident incident, Tally? total, DateTimeOffset? endedAt, bool prominent)
    {
        (Tally, Incident, Total, EndedAt, Prominent) = (tally, incident, total, endedAt, prominent);
        var qualifier = SituationText.QualifierWords(tally.Qualifier, tally.Source);
        Key = SituationText.TallyKey(tally);
        Classes = string.Join(' ', new[]
        {
            "tally-card mud-paper mud-paper-outlined pa-3",
            prominent ? "tally-prominent" : "",
            tally.IsClaim ? "tally-claim" : "",
            endedAt is not null ? "tally-before-end" : "",
            tally.Qualifier == Qualifier.Provisional ? "tally-provisional" : "",
        }.Where(c => c.Length > 0));
        AccessibleName = Say.Format("Card.Accessible", Heading, SituationText.Subject(tally, incident),
                $"{Terms.CountWords(tally.Count, tally.Qualifier)}{Terms.RangeWords(tally.Low, tally.High)}{(total is null ? "" : " " + SituationText.AgainstTotal(tally, total))}")
            + (tally.Conflicts.Count > 0 ? ". " + Terms.ConflictWords(tally.Conflicts) : "");
        ReportedAtLocal = SituationText.LocalTime(tally.ReportedAt, incident);
        Alternatives = tally.Alternatives.Count > 0 ? AlternativeRelations.Summary(tally.Alternatives) : null;
        (Top, SourceClass, SourceLead) = Write(qualifier);
    }

    public Tally Tally { get; }
    public Incident Incident { get; }

    private string Heading => EndedAt is null ? SituationText.Heading(Tally) : Terms.HeadingAtTheEnd(Tally.Group, Tally.Status);
    public Tally? Total { get; }

    /// <summary>When the incident ended, for a "still held" figure shown after the end: it is the last figure before it.</summary>
    public DateTimeOffset? EndedAt { get; }
    public bool Prominent { get; }
    public string Key { get; }

    /// <summary>The card's classes but "changed", which is each screen's own.</summary>
    public string Classes { get; }
    public string AccessibleName { get; }

    /// <summary>Heading, count, the live chart's link and badges; with the source line too when it names no age (after the end).</summary>
    public MarkupString Top { get; }

    /// <summary><see cref="Top"/> up to the chart's link, and after it: a page of a past moment puts its own link between.
    /// Cut only for such a page; a live page shows <see cref="Top"/> whole.</summary>
    public MarkupString Head => new(Top.Value[.._headLength]);
    public MarkupString Rest => new(Top.Value[_restStart..]);

    private int _headLength, _restStart;

    /// <summary>The chart of this figure at <paramref name="asOf"/>: "Over time" from a page of a past moment stays at that moment.</summary>
    public string OverTimeAt(DateTimeOffset asOf) =>
        $"{OverTimeHref}&asOf={Uri.EscapeDataString(Incident.InLocalTime(asOf).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture))}";

    public string OverTimeName => Terms.OverTime(Tally.Key, Incident.HostCountry);

    /// <summary>The source line's class and what comes before the report's time (the source and its grade), when the
    /// line names its age (it is drawn per screen).</summary>
    public string? SourceClass { get; }
    public MarkupString? SourceLead { get; }
    public string ReportedAtLocal { get; }

    /// <summary>What the button to the figures that disagree says, if any do.</summary>
    public string? Alternatives { get; }

    /// <summary>When the figure was reported, with its age while it is recent (so it depends on the moment shown).</summary>
    public string When(DateTimeOffset asOf, bool live) =>
        asOf - Tally.ReportedAt >= SituationText.RecentFor ? ReportedAtLocal : SituationText.ReportedWhen(Tally.ReportedAt, asOf, live, Incident);

    public static TallyCardView Of(Tally tally, Incident incident, Tally? total, DateTimeOffset? endedAt, bool prominent)
    {
        var made = Views.GetOrCreateValue(tally);
        var slot = Languages.IndexOfCurrent * 2 + (prominent ? 1 : 0);
        var view = made.Views[slot];
        if (view is not null && ReferenceEquals(view.Incident, incident) && Equals(view.Total, total) && view.EndedAt == endedAt)
            return view;
        return made.Views[slot] = new TallyCardView(tally, incident, total, endedAt, prominent);
    }

    public string OverTimeHref =>
        $"incidents/{Incident.Slug}/over-time?group={Vocabulary.WireName(Tally.Group)}&status={Vocabulary.WireName(Tally.Status)}&scope={Uri.EscapeDataString(Tally.Scope)}"
        + (Tally.Organisation is { } organisation ? $"&organisation={Uri.EscapeDataString(organisation)}" : "");

    private (MarkupString Top, string? SourceClass, MarkupString? SourceLead) Write(string qualifier)
    {
        var html = new HtmlBuilder()
            .Open("div", "tally-heading").Element("h3", "mud-typography mud-typography-subtitle2", Heading)
            .Text(" ").Open("span", "mud-typography mud-typography-caption tally-subject")
            .Markup(SituationText.SubjectFlag(Tally)).Text(SituationText.Subject(Tally, Incident)).Close("span")
            .Close("div").Text(" ").Open("div", "tally-count-line");
        if (qualifier.Length > 0 && Tally.Qualifier is not (Qualifier.Provisional or Qualifier.Claimed))
            html.Element("span", "tally-qualifier-word", qualifier);
        html.Open("span", "tally-count").Number(Tally.Count).Close("span");
        if (Tally.Low is not null)
            html.Element("span", "tally-range", Terms.RangeWords(Tally.Low, Tally.High));
        if (Total is not null)
            html.Element("span", "tally-total", SituationText.AgainstTotal(Tally, Total));
        html.Close("div");
        // A link, not a button: it costs an open page nothing (this markup is shared by every page showing the figure).
        _headLength = html.Length;
        html.Open("a", "tally-over-time mud-link", ("href", OverTimeHref), ("aria-label", OverTimeName))
            .Text(Say.Text("Card.OverTime")).Close("a");
        _restStart = html.Length;
        if (Tally.Conflicts.Count > 0)
            html.Open("p", "tally-conflict", ("role", "note")).Open("span", null, ("aria-hidden", "true")).Text("⚠ ").Close("span")
                .Text(Terms.ConflictWords(Tally.Conflicts)).Close("p");
        if (EndedAt is { } ended)
        {
            html.Open("div").Element("span", "tally-badge tally-badge-before-end", Say.Text("Card.AtTheEndNotNow")).Close("div")
                .Open("p", "mud-typography mud-typography-body2 tally-source")
                .Text(Tally.IsClaim ? Say.Text("Card.Claimed") : Tally.Source.Name).Text(" ").Markup(SituationText.Grade(Tally.Reliability, Tally.Credibility))
                .Text(" · " + Say.Format("Card.ReportedAndEnded", ReportedAtLocal, SituationText.LocalTime(ended, Incident))).Close("p");
            return (html.ToMarkup(), null, null);
        }
        if (Tally.IsClaim)
        {
            html.Open("div").Element("span", "tally-badge tally-badge-claim", Say.Text("Card.ClaimNotConfirmed")).Close("div");
            return (html.ToMarkup(), "mud-typography mud-typography-body2 tally-source tally-claim-words", Lead(char.ToUpperInvariant(qualifier[0]) + qualifier[1..]));
        }
        if (Tally.Qualifier == Qualifier.Provisional)
            html.Open("div").Element("span", "tally-badge tally-badge-provisional", Say.Text("Card.Provisional")).Close("div");
        return (html.ToMarkup(), "mud-typography mud-typography-body2 tally-source", Lead(Terms.SourceWords(Tally.Source)));
    }

    private MarkupString Lead(string source) =>
        new HtmlBuilder().Text(source).Text(" ").Markup(SituationText.Grade(Tally.Reliability, Tally.Credibility)).Text(" · ").ToMarkup();

    private sealed class Made
    {
        public readonly TallyCardView?[] Views = new TallyCardView?[Languages.All.Count * 2];
    }
}
