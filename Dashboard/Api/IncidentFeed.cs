using System.Globalization;
using System.Text;
using System.Xml;
using Dashboard.Situation;

namespace Dashboard.Api;

/// <summary>
/// An incident's changes as an Atom feed (RFC 4287), for feed readers and other tools: one entry per headline move the
/// changes strip keeps, newest first, in the strip's words for everyone (no named person, no source), with the
/// time in the incident's clock, and an entry for the incident's end. Narrowed to nationalities as a wall is.
/// </summary>
public static class IncidentFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static byte[] Write(SituationSnapshot situation, CountryFilter countries, Uri self, Uri page)
    {
        var incident = situation.Incident;
        var moves = MoveWords.Folded(situation.RecentMoves.Where(m => MoveWords.Concerns(m, countries, incident)).ToArray());
        var updated = new[] { situation.LastChangeAt, incident.EndedAt, moves.FirstOrDefault()?.At }.Max() ?? incident.StartedAt;

        var text = new MemoryStream();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, self.AbsoluteUri);
            xml.WriteElementString("title", Atom, countries.IsEmpty ? $"{incident.Name}: changes" : $"{incident.Name}: changes for {string.Join(", ", countries.Codes.Order())}");
            xml.WriteElementString("updated", Atom, Instant(updated));
            Link(xml, "self", self, ContentType);
            Link(xml, "alternate", page, "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "Situation Dashboard");
            xml.WriteEndElement();

            if (incident.EndedAt is { } ended)
                Entry(xml, $"{self.AbsoluteUri}#ended-{ended.UtcTicks}", $"{incident.Name} ended", ended, incident, page);
            foreach (var move in moves)
            {
                var words = MoveWords.Sentence(move, incident, NamesWithheld.From(move.Reason ?? "", situation.NamedPeople), withSource: false);
                Entry(xml, $"{self.AbsoluteUri}#move-{move.At.UtcTicks}-{Uri.EscapeDataString($"{move.Key.Group}-{move.Key.Status}-{move.Key.Scope}-{move.Key.Organisation}")}", words, move.At, incident, page);
            }
            xml.WriteEndElement();
        }
        return text.ToArray();
    }

    private static void Entry(XmlWriter xml, string id, string title, DateTimeOffset at, Incident incident, Uri page)
    {
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, id);
        xml.WriteElementString("title", Atom, title);
        xml.WriteElementString("updated", Atom, Instant(at));
        Link(xml, "alternate", page, "text/html");
        xml.WriteStartElement("content", Atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString($"{title}. {MoveWords.When(incident, at)}.");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, Uri href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
