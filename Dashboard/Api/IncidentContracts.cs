using Dashboard.Situation;

namespace Dashboard.Api;

public sealed record IncidentResponse(string Slug, string Name, string HostCountry, DateTimeOffset StartedAt, string? Location, string TimeZone, DateTimeOffset? EndedAt)
{
    public static IncidentResponse From(Incident i) => new(i.Slug, i.Name, i.HostCountry, i.StartedAt, i.Location, i.TimeZone, i.EndedAt);
}
