namespace Dashboard.Situation.Ingestion;

/// <summary>When an incident can be said to have ended: a moment with an offset, after it started and not in the future.</summary>
public static class EndRules
{
    public const string Field = "endedAt";

    public static DateTimeOffset? Validate(string? endedAt, Incident incident, TimeProvider clock, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(endedAt))
            errors.Add(Field, Localization.Say.Format("Valid.RequiredThen", IsoInstant.Expected));
        else if (!IsoInstant.TryParse(endedAt.Trim(), out var moment))
            errors.Add(Field, IsoInstant.Expected);
        else if (moment > clock.GetUtcNow() + ReportValidator.AllowedClockSkew)
            errors.Add(Field, Localization.Say.Text("Valid.NotInFuture"));
        else if (moment < incident.StartedAt)
            errors.Add(Field, Localization.Say.Format("Valid.NotBeforeStart", incident.StartedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        else
            return moment;
        return null;
    }
}
