using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
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
    // Keyed by the figure: a live state keeps the Tally of every headline the write left alone, so its view is kept too.
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
        AccessibleName = $"{Heading}, {SituationText.Subject(tally, incident)}: {qualifier} {tally.Count}{Terms.RangeWords(tally.Low, tally.High)}{(total is null ? "" : " " + SituationText.AgainstTotal(tally, total))}"
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

    /// <summary>Heading, count and badges; with the source line too when it names no age (after the end).</summary>
    public MarkupString Top { get; }

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
        var view = prominent ? made.Prominent : made.Plain;
        if (view is not null && ReferenceEquals(view.Incident, incident) && Equals(view.Total, total) && view.EndedAt == endedAt)
            return view;
        view = new TallyCardView(tally, incident, total, endedAt, prominent);
        if (prominent) made.Prominent = view; else made.Plain = view;
        return view;
    }

    private (MarkupString Top, string? SourceClass, MarkupString? SourceLead) Write(string qualifier)
    {
        var html = HtmlEncoder.Default;
        var text = new StringBuilder()
            .Append("<div class=\"tally-heading\"><h3 class=\"mud-typography mud-typography-subtitle2\">").Append(html.Encode(Heading)).Append("</h3>")
            .Append(" <span class=\"mud-typography mud-typography-caption tally-subject\">").Append(SituationText.SubjectFlag(Tally).Value).Append(html.Encode(SituationText.Subject(Tally, Incident))).Append("</span></div> <div class=\"tally-count-line\">");
        if (qualifier.Length > 0 && Tally.Qualifier is not (Qualifier.Provisional or Qualifier.Claimed))
            text.Append("<span class=\"tally-qualifier-word\">").Append(html.Encode(qualifier)).Append("</span>");
        text.Append("<span class=\"tally-count\">").Append(Tally.Count).Append("</span>");
        if (Tally.Low is not null)
            text.Append("<span class=\"tally-range\">").Append(html.Encode(Terms.RangeWords(Tally.Low, Tally.High))).Append("</span>");
        if (Total is not null)
            text.Append("<span class=\"tally-total\">").Append(html.Encode(SituationText.AgainstTotal(Tally, Total))).Append("</span>");
        text.Append("</div>");
        if (Tally.Conflicts.Count > 0)
            text.Append("<p class=\"tally-conflict\" role=\"note\"><span aria-hidden=\"true\">⚠ </span>").Append(html.Encode(Terms.ConflictWords(Tally.Conflicts))).Append("</p>");
        if (EndedAt is { } ended)
        {
            text.Append("<div><span class=\"tally-badge tally-badge-before-end\">at the end, not now</span></div>")
                .Append("<p class=\"mud-typography mud-typography-body2 tally-source\">")
                .Append(html.Encode(Tally.IsClaim ? "Claimed" : Tally.Source.Name)).Append(' ').Append(SituationText.GradeHtml(Tally.Reliability, Tally.Credibility))
                .Append(html.Encode($" · {ReportedAtLocal} · ended {SituationText.LocalTime(ended, Incident)}")).Append("</p>");
            return (new MarkupString(text.ToString()), null, null);
        }
        if (Tally.IsClaim)
        {
            text.Append("<div><span class=\"tally-badge tally-badge-claim\">CLAIM — not confirmed</span></div>");
            return (new MarkupString(text.ToString()), "mud-typography mud-typography-body2 tally-source tally-claim-words", Lead(char.ToUpperInvariant(qualifier[0]) + qualifier[1..]));
        }
        if (Tally.Qualifier == Qualifier.Provisional)
            text.Append("<div><span class=\"tally-badge tally-badge-provisional\">provisional</span></div>");
        return (new MarkupString(text.ToString()), "mud-typography mud-typography-body2 tally-source", Lead(Terms.SourceWords(Tally.Source)));
    }

    private MarkupString Lead(string source) =>
        new($"{HtmlEncoder.Default.Encode(source)} {SituationText.GradeHtml(Tally.Reliability, Tally.Credibility)} · ");

    private sealed class Made
    {
        public TallyCardView? Prominent;
        public TallyCardView? Plain;
    }
}
