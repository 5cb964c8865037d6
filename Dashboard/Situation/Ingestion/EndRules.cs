namespace Dashboard.Situation.Ingestion;

/// <summary>When an incident can be said to have ended: a moment with an offset, after it started and not in the future.</summary>
public static class EndRules
{
    public const string Field = "endedAt";

    public static DateTimeOffset? Validate(string? endedAt, Incident incident, TimeProvider clock, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(endedAt))
            errors.Add(Field, "Required. " + IsoInstant.Expected);
        else if (!IsoInstant.TryParse(endedAt.Trim(), out var moment))
            errors.Add(Field, IsoInstant.Expected);
        else if (moment > clock.GetUtcNow() + ReportValidator.AllowedClockSkew)
            errors.Add(Field, "Must not be in the future.");
        else if (moment < incident.StartedAt)
            errors.Add(Field, $"Must not be before the incident started ({incident.StartedAt:yyyy-MM-ddTHH:mm:sszzz}).");
        else
            return moment;
        return null;
    }
}
