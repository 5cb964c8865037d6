namespace Dashboard.Components.Briefing;

/// <summary>What makes a situation report an issued one: its number for the incident, who issued it and when, their
/// key points and the handling marking (null: none). Printed at its head; the marking at the top and foot of every page.</summary>
public sealed record SitrepIssue(int Number, string Author, DateTimeOffset IssuedAt, string Summary, string? Marking);
