using System.Runtime.CompilerServices;
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
        var html = new HtmlBuilder()
            .Open("li", entry.Source.Kind == SourceKind.Perpetrator ? "timeline-entry timeline-perpetrator" : "timeline-entry", ("data-countries", string.Join(",", entry.Countries)))
            .Open("p", "mud-typography mud-typography-body1")
            .Element("strong", "timeline-time", SituationText.LocalClock(entry.At, incident)).Text(" ").Text(entry.Title)
            .Close("p");
        if (!string.IsNullOrEmpty(entry.Detail))
            html.Element("p", "mud-typography mud-typography-body2", entry.Detail);
        html.Open("p", "mud-typography mud-typography-caption timeline-meta").Text(entry.Source.Name);
        foreach (var country in entry.Countries)
            html.Text(" ").Open("span", "timeline-country", ("title", Countries.NameOf(country)))
                .Markup(SituationText.Flag(country)).Text(" ").Text(country).Close("span");
        return html.Close("p").Close("li").ToString();
    }
}
