using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Localization;
using Dashboard.Situation;

namespace Dashboard.Alerts;

/// <summary>
/// How an alert reads, on every channel: the strip's sentence for each move (qualifiers kept, claims marked), its source
/// and grade, and the time in the incident's clock. A named person only where the subscription may and asks to.
/// </summary>
public static class AlertWords
{
    /// <summary>"Hostages missing, Japan 10 → 3 — Chief Cabinet Secretary, graded B — Sat 19 Jan 2013, 06:15 (Asia/Tokyo)".</summary>
    public static string Line(AlertItem item, ChangeAlerts change, bool names)
    {
        var incident = change.Incident;
        if (item.Move is not { } move)
            return Say.Format("Alert.Ended", incident.Name, MoveWords.When(incident, item.At));
        var reason = names ? move.Reason : NamesWithheld.From(move.Reason ?? "", change.NamedPeople);
        var source = move.Source is null ? "" : item.Reliability is { } r ? Say.Format("Alert.SourceGraded", move.Source, r) : Say.Format("Alert.SourceUngraded", move.Source);
        return Say.Format("Alert.Line", MoveWords.Sentence(move, incident, reason, withSource: false), source, MoveWords.When(incident, item.At));
    }

    /// <summary>The e-mail's subject: the incident and its first line (or how many changes a digest holds).</summary>
    public static string Subject(string incidentName, IReadOnlyList<string> lines) => lines.Count == 1
        ? $"[{incidentName}] {lines[0]}"
        : $"[{incidentName}] {lines.Count} changes";

    // Read by people too (a receiver's log): "→" and accented names as they are. Never put into HTML from here.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A webhook's body, the Standard Webhooks way: {"type", "timestamp", "data"}; data says the change's id, incident and
    /// sequence, and each item with its words and the figures it moved between.
    /// </summary>
    public static string Payload(string deliveryId, ChangeAlerts change, IReadOnlyList<AlertItem> items, bool names, DateTimeOffset at)
    {
        var incident = change.Incident;
        var data = new JsonObject
        {
            ["id"] = deliveryId,
            ["incident"] = incident.Slug,
            ["incidentName"] = incident.Name,
            ["sequence"] = change.Sequence,
            ["changes"] = new JsonArray([.. items.Select(item => (JsonNode)Item(item, change, names))]),
        };
        var body = new JsonObject
        {
            ["type"] = items.Any(i => i.Kind == AlertChange.Ended) ? "incident.ended" : "figures.changed",
            ["timestamp"] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        return body.ToJsonString(Json);
    }

    private static JsonObject Item(AlertItem item, ChangeAlerts change, bool names)
    {
        var json = new JsonObject
        {
            ["kind"] = Wire(item.Kind),
            ["text"] = Line(item, change, names),
            ["at"] = item.At.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (item.Move is { } move)
        {
            json["group"] = Vocabulary.WireName(move.Key.Group);
            json["status"] = Vocabulary.WireName(move.Key.Status);
            json["scope"] = Scopes.CountryOf(move.Key.Scope, change.Incident.HostCountry) ?? move.Key.Scope;
            json["organisation"] = move.Key.Organisation;
            json["from"] = Side(move.From);
            json["to"] = Side(move.To);
            json["source"] = move.Source;
            json["reliability"] = item.Reliability;
        }
        return json;
    }

    private static JsonObject? Side(MoveWords.Side? side) => side is not { } s ? null : new JsonObject
    {
        ["count"] = s.Count,
        ["qualifier"] = Vocabulary.WireName(s.Qualifier),
        ["claim"] = s.IsClaim,
    };

    public static string Wire(AlertChange change) => Vocabulary.WireName(change);
}
