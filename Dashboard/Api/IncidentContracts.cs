using Dashboard.Situation;

namespace Dashboard.Api;

public sealed record IncidentResponse(string Slug, string Name, string HostCountry, DateTimeOffset StartedAt, string? Location, string TimeZone, DateTimeOffset? EndedAt,
    double? Latitude, double? Longitude)
{
    public static IncidentResponse From(Incident i) => new(i.Slug, i.Name, i.HostCountry, i.StartedAt, i.Location, i.TimeZone, i.EndedAt, i.Latitude, i.Longitude);
}
