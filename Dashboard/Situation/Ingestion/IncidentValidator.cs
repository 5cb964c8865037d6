using System.Text.RegularExpressions;

namespace Dashboard.Situation.Ingestion;

public sealed record NewIncident(string Slug, string Name, string HostCountry, string TimeZone, DateTimeOffset StartedAt, string? Location,
    double? Latitude = null, double? Longitude = null);

public static partial class IncidentValidator
{
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex SlugShape();

    /// <summary>An incident this dashboard can be about: after the first that anyone would track in it, and not ahead of now.</summary>
    public static readonly DateTimeOffset EarliestStart = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static NewIncident? Validate(IncidentSubmission? submission, DateTimeOffset now, ValidationErrors errors)
    {
        if (submission is null)
        {
            errors.Add("body", "An incident is required.");
            return null;
        }
        if (submission.Slug is null || !SlugShape().IsMatch(submission.Slug))
            errors.Add("slug", "Required: 1-64 lowercase letters, digits or '-', e.g. in-amenas.");
        var name = ReportValidator.RequiredText(submission.Name, "name", ReportValidator.MaxNameLength, errors);
        var host = submission.HostCountry?.Trim().ToUpperInvariant();
        if (!Countries.IsKnown(host))
            errors.Add("hostCountry", $"'{submission.HostCountry}' is not an ISO 3166-1 alpha-2 country code.");
        if (!IsoInstant.TryParse(submission.StartedAt, out var startedAt))
            errors.Add("startedAt", (submission.StartedAt is null ? "Required. " : "") + IsoInstant.Expected);
        else if (startedAt < EarliestStart || startedAt > now + ReportValidator.AllowedClockSkew)
            errors.Add("startedAt", $"Must be between {EarliestStart:yyyy-MM-dd} and now: an incident that has started.");
        var location = ReportValidator.OptionalText(submission.Location, "location", ReportValidator.MaxNameLength, errors);
        var timeZone = string.IsNullOrWhiteSpace(submission.TimeZone) ? "UTC" : submission.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            errors.Add("timeZone", $"'{submission.TimeZone}' is not an IANA time zone such as Africa/Algiers.");

        ValidateCoordinates(submission.Latitude, submission.Longitude, "", errors);
        if (submission.Latitude is null != submission.Longitude is null)
            errors.Add(submission.Latitude is null ? "latitude" : "longitude", "The site's latitude and longitude go together: give both or neither.");

        return errors.Any ? null : new NewIncident(submission.Slug!, name!, host!, timeZone, startedAt, location, submission.Latitude, submission.Longitude);
    }

    /// <summary>A point on the globe: each coordinate given is in range (<paramref name="field"/> prefixes the names).</summary>
    public static void ValidateCoordinates(double? latitude, double? longitude, string field, ValidationErrors errors)
    {
        if (latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
            errors.Add(field + "latitude", "Must be between -90 and 90 (degrees north; south is negative).");
        if (longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
            errors.Add(field + "longitude", "Must be between -180 and 180 (degrees east; west is negative).");
    }
}
