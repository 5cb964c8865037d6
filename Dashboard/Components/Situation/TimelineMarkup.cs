using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Situation;

/// <summary>
/// One timeline event as finished HTML, made once per event and shared by every open screen. The timeline is read,
/// never clicked, so each event can be one markup frame instead of some twenty elements, attributes and texts per
/// screen: with thousands of screens open, that was a large part of each circuit's memory and of every re-render.
/// </summary>
public static class TimelineMarkup
{
    // Keyed by the event itself: a live state keeps the events of the last, so an event is turned into HTML once.
    private static readonly ConditionalWeakTable<TimelineEntry, string> Made = new();

    public static MarkupString Of(TimelineEntry entry, Incident incident) =>
        new(Made.GetValue(entry, e => Write(e, incident)));

    private static string Write(TimelineEntry entry, Incident incident)
    {
        var html = HtmlEncoder.Default;
        var text = new StringBuilder()
            .Append(entry.Source.Kind == SourceKind.Perpetrator ? "<li class=\"timeline-entry timeline-perpetrator\"" : "<li class=\"timeline-entry\"")
            .Append(" data-countries=\"").Append(html.Encode(string.Join(",", entry.Countries))).Append("\">")
            .Append("<p class=\"mud-typography mud-typography-body1\"><strong class=\"timeline-time\">")
            .Append(html.Encode(SituationText.LocalClock(entry.At, incident))).Append("</strong> ").Append(html.Encode(entry.Title)).Append("</p>");
        if (!string.IsNullOrEmpty(entry.Detail))
            text.Append("<p class=\"mud-typography mud-typography-body2\">").Append(html.Encode(entry.Detail)).Append("</p>");
        text.Append("<p class=\"mud-typography mud-typography-caption timeline-meta\">").Append(html.Encode(entry.Source.Name));
        foreach (var country in entry.Countries)
            text.Append(" <span class=\"timeline-country\" title=\"").Append(html.Encode(Countries.NameOf(country))).Append("\">")
                .Append(SituationText.FlagHtml(country)).Append(' ').Append(html.Encode(country)).Append("</span>");
        return text.Append("</p></li>").ToString();
    }
}
