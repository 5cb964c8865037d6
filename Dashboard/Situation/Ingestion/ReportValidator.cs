using Dashboard.Localization;
using System.Text.RegularExpressions;

namespace Dashboard.Situation.Ingestion;

/// <summary>
/// The one set of rules a report must pass before it touches the database, whichever way it came in.
/// Validates everything and names every problem; only a fully valid submission becomes a <see cref="NewReport"/>.
/// </summary>
public sealed partial class ReportValidator(TimeProvider clock, TimeSpan? earliestBeforeStart = null)
{
    public const int MaxFigures = 1000;
    public const int MaxPeople = 1000;
    public const int MaxStatementLength = 4000;
    public const int MaxNameLength = 200;
    public const int MaxCount = 10_000_000;
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultEarliestBeforeStart = TimeSpan.FromDays(30);
    private readonly TimeSpan _earliestBeforeStart = earliestBeforeStart ?? DefaultEarliestBeforeStart;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}\z")]
    private static partial Regex ReportIdShape();

    public NewReport? Validate(ReportSubmission? submission, Incident incident, ValidationErrors errors, string prefix = "")
    {
        if (submission is null)
        {
            errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), Say.Text("Valid.ReportRequired"));
            return null;
        }

        var id = submission.Id;
        if (id is not null && !ReportIdShape().IsMatch(id))
            errors.Add(prefix + "id", Say.Text("Valid.ReportId"));

        DateTimeOffset reportedAt = default;
        if (string.IsNullOrWhiteSpace(submission.ReportedAt))
            errors.Add(prefix + "reportedAt", Say.Format("Valid.RequiredThen", IsoInstant.Expected));
        else if (!IsoInstant.TryParse(submission.ReportedAt, out reportedAt))
            errors.Add(prefix + "reportedAt", IsoInstant.Expected);
        else if (reportedAt > clock.GetUtcNow() + AllowedClockSkew)
            errors.Add(prefix + "reportedAt", Say.Text("Valid.NotInFuture"));
        else
            CheckNotLongBeforeStart(reportedAt, incident, prefix + "reportedAt", errors);

        var source = ValidateSource(submission.Source, errors, prefix + "source");
        var statement = RequiredText(submission.Statement, prefix + "statement", MaxStatementLength, errors, multiLine: true);
        var note = OptionalText(submission.Note, prefix + "note", MaxStatementLength, errors, multiLine: true);
        var translations = ValidateTranslations(submission.StatementTranslations, errors, prefix + "statementTranslations");
        if (submission.Credibility is not null && !Admiralty.IsCredibility(submission.Credibility))
            errors.Add(prefix + "credibility", Admiralty.CredibilityRule);

        var figures = ValidateFigures(submission.Figures, source, incident, errors, prefix);
        var timelineEvent = ValidateEvent(submission.Event, incident, errors, prefix + "event");
        var people = ValidatePeople(submission.People, errors, prefix);

        if (submission.Figures is not { Count: > 0 } && submission.Event is null && submission.People is not { Count: > 0 })
            errors.Add(prefix.Length == 0 ? "report" : prefix.TrimEnd('.'), Say.Text("Valid.CarriesSomething"));

        if (errors.Any)
            return null;

        return new NewReport(id ?? Guid.NewGuid().ToString("N"), reportedAt, source!, statement!, note, figures, timelineEvent, people)
        {
            Credibility = submission.Credibility,
            StatementTranslations = translations,
        };
    }

    /// <summary>At most this many translations of one statement.</summary>
    public const int MaxTranslations = 20;

    private static IReadOnlyList<StatementTranslation>? ValidateTranslations(List<StatementTranslationSubmission?>? submitted, ValidationErrors errors, string field)
    {
        if (submitted is not { Count: > 0 })
            return null;
        if (submitted.Count > MaxTranslations)
        {
            errors.Add(field, Say.Format("Valid.MostTranslations", MaxTranslations, submitted.Count));
            return null;
        }
        var translations = new List<StatementTranslation>(submitted.Count);
        for (var i = 0; i < submitted.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (submitted[i] is not { } t)
            {
                errors.Add(at, Say.Text("Valid.TranslationNull"));
                continue;
            }
            var language = t.Language?.Trim();
            if (string.IsNullOrEmpty(language))
                errors.Add(at + ".language", Say.Text("Valid.LanguageRequired"));
            else if (!LanguageShape().IsMatch(language))
                errors.Add(at + ".language", Say.Format("Valid.NotLanguage", language.Length > 20 ? language[..20] + "…" : language));
            else if (translations.Any(other => string.Equals(other.Language, language, StringComparison.OrdinalIgnoreCase)))
                errors.Add(at + ".language", Say.Format("Valid.LanguageTwice", language));
            var text = RequiredText(t.Text, at + ".text", MaxStatementLength, errors, multiLine: true);
            if (language is not null && text is not null && LanguageShape().IsMatch(language))
                translations.Add(new StatementTranslation(language, text));
        }
        return translations;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$")]
    private static partial System.Text.RegularExpressions.Regex LanguageShape();

    private static Source? ValidateSource(SourceSubmission? source, ValidationErrors errors, string field)
    {
        if (source is null)
        {
            errors.Add(field, Say.Text("Valid.SourceRequired"));
            return null;
        }
        var name = RequiredText(source.Name, field + ".name", MaxNameLength, errors);
        var kind = RequiredEnum<SourceKind>(source.Kind, field + ".kind", errors);
        return name is null || kind is null ? null : new Source(name, kind.Value);
    }

    private static IReadOnlyList<Figure> ValidateFigures(
        List<FigureSubmission?>? submitted, Source? source, Incident incident, ValidationErrors errors, string prefix)
    {
        if (submitted is null)
            return [];
        if (submitted.Count > MaxFigures)
        {
            errors.Add(prefix + "figures", Say.Format("Valid.MostFigures", MaxFigures, submitted.Count));
            return [];
        }

        var figures = new List<Figure>(submitted.Count);
        var firstIndexOfKey = new Dictionary<FigureKey, int>();
        for (var i = 0; i < submitted.Count; i++)
        {
            var field = $"{prefix}figures[{i}]";
            if (submitted[i] is not { } f)
            {
                errors.Add(field, Say.Text("Valid.FigureNull"));
                continue;
            }
            var group = RequiredEnum<FigureGroup>(f.Group, field + ".group", errors);
            var status = RequiredEnum<FigureStatus>(f.Status, field + ".status", errors);
            var scope = ValidateScope(f.Scope, incident.HostCountry, field + ".scope", errors);
            var organisation = OptionalText(f.Organisation, field + ".organisation", MaxNameLength, errors);
            var qualifier = RequiredEnum<Qualifier>(f.Qualifier, field + ".qualifier", errors);
            if (f.Count is null)
                errors.Add(field + ".count", Say.Text("Valid.CountRequired"));
            else if (f.Count < 0)
                errors.Add(field + ".count", Say.Text("Valid.CountNotNegative"));
            else if (f.Count > MaxCount)
                errors.Add(field + ".count", Say.Format("Valid.CountAtMost", Say.Number(MaxCount)));

            var rangeFits = CheckRange(f, qualifier, field, errors);

            if (group is null || status is null || scope is null || qualifier is null || f.Count is not (>= 0 and <= MaxCount) || !rangeFits)
                continue;

            // Whatever the perpetrators say stays a claim, however it was labelled.
            var figure = new Figure(group.Value, status.Value, scope, organisation, f.Count.Value,
                source?.Kind == SourceKind.Perpetrator ? Qualifier.Claimed : qualifier.Value) { Low = f.Low, High = f.High };
            if (firstIndexOfKey.TryGetValue(figure.Key, out var first))
                errors.Add(field, Say.Format("Valid.RepeatsKey", first));
            else
                firstIndexOfKey[figure.Key] = i;
            figures.Add(figure);
        }
        return figures;
    }

    // An estimate's range: both ends or neither, around its count; an exact count or a lower bound has none.
    private static bool CheckRange(FigureSubmission f, Qualifier? qualifier, string field, ValidationErrors errors)
    {
        if (f.Low is null && f.High is null)
            return true;
        var before = errors.Count;
        if (f.Low is null || f.High is null)
            errors.Add(field + (f.Low is null ? ".low" : ".high"), Say.Text("Valid.RangeBoth"));
        else if (f.Low < 0 || f.High > MaxCount)
            errors.Add(field + (f.Low < 0 ? ".low" : ".high"), Say.Format("Valid.RangeBounds", Say.Number(MaxCount)));
        else if (f.Count is { } count && (f.Low > count || f.High < count))
            errors.Add(field + (f.Low > count ? ".low" : ".high"), Say.Text("Valid.RangeHolds"));
        if (qualifier is Qualifier.Exact or Qualifier.AtLeast)
            errors.Add(field + ".low", Say.Format("Valid.NoRange", Vocabulary.WireName(qualifier.Value)));
        return errors.Count == before;
    }

    private static string? ValidateScope(string? scope, string hostCountry, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            errors.Add(field, Say.Format("Valid.ScopeRequired", Scopes.Expected));
            return null;
        }
        if (Scopes.IsValid(scope))
            return Scopes.Normalise(scope.Trim(), hostCountry);
        errors.Add(field, Say.Format("Valid.ScopeNot", scope, Scopes.Expected));
        return null;
    }

    // A typo in the year (0001, 1900) would otherwise put a report decades before the incident, and a wall would say so.
    private void CheckNotLongBeforeStart(DateTimeOffset at, Incident incident, string field, ValidationErrors errors)
    {
        if (at < incident.StartedAt - _earliestBeforeStart)
            errors.Add(field, Say.Format("Valid.TooEarly", _earliestBeforeStart.TotalDays.ToString("0", System.Globalization.CultureInfo.InvariantCulture), incident.StartedAt.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private TimelineEvent? ValidateEvent(EventSubmission? submitted, Incident incident, ValidationErrors errors, string field)
    {
        if (submitted is null)
            return null;
        DateTimeOffset at = default;
        if (!IsoInstant.TryParse(submitted.At, out at))
            errors.Add(field + ".at", submitted.At is null ? Say.Format("Valid.RequiredThen", IsoInstant.Expected) : IsoInstant.Expected);
        else
            CheckNotLongBeforeStart(at, incident, field + ".at", errors);
        var title = RequiredText(submitted.Title, field + ".title", MaxNameLength, errors);
        var detail = OptionalText(submitted.Detail, field + ".detail", MaxStatementLength, errors, multiLine: true);
        var countries = ValidateCountryList(submitted.Countries, field + ".countries", errors);
        var place = ValidatePlace(submitted.Place, field + ".place", errors);
        return title is null ? null : new TimelineEvent(at, title, detail, countries) { Place = place };
    }

    private static Place? ValidatePlace(PlaceSubmission? submitted, string field, ValidationErrors errors)
    {
        if (submitted is null)
            return null;
        var before = errors.Count;
        var name = RequiredText(submitted.Name, field + ".name", MaxNameLength, errors);
        if (submitted.Latitude is null)
            errors.Add(field + ".latitude", Say.Text("Valid.PlacePoint"));
        if (submitted.Longitude is null)
            errors.Add(field + ".longitude", Say.Text("Valid.PlacePoint"));
        IncidentValidator.ValidateCoordinates(submitted.Latitude, submitted.Longitude, field + ".", errors);
        return errors.Count == before ? new Place(name!, submitted.Latitude!.Value, submitted.Longitude!.Value) : null;
    }

    private static IReadOnlyList<string> ValidateCountryList(List<string?>? codes, string field, ValidationErrors errors)
    {
        if (codes is null)
            return [];
        var valid = new List<string>(codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i]?.Trim().ToUpperInvariant();
            if (Countries.IsKnown(code))
            {
                if (!valid.Contains(code!)) valid.Add(code!);
            }
            else
                errors.Add($"{field}[{i}]", Say.Format("Valid.NotCountry", codes[i]));
        }
        return valid;
    }

    private static IReadOnlyList<NamedPerson> ValidatePeople(List<PersonSubmission?>? submitted, ValidationErrors errors, string prefix)
    {
        if (submitted is null)
            return [];
        if (submitted.Count > MaxPeople)
        {
            errors.Add(prefix + "people", Say.Format("Valid.MostPeople", MaxPeople));
            return [];
        }
        var people = new List<NamedPerson>(submitted.Count);
        for (var i = 0; i < submitted.Count; i++)
        {
            var field = $"{prefix}people[{i}]";
            if (submitted[i] is not { } p)
            {
                errors.Add(field, Say.Text("Valid.PersonNull"));
                continue;
            }
            var name = RequiredText(p.Name, field + ".name", MaxNameLength, errors);
            var nationality = p.Nationality?.Trim().ToUpperInvariant();
            if (!Countries.IsKnown(nationality))
                errors.Add(field + ".nationality", Say.Format("Valid.NotCountry", p.Nationality));
            var status = RequiredEnum<FigureStatus>(p.Status, field + ".status", errors);
            if (status == FigureStatus.Total)
                errors.Add(field + ".status", Say.Text("Valid.TotalNotPerson"));
            if (name is not null && Countries.IsKnown(nationality) && status is { } s and not FigureStatus.Total)
                people.Add(new NamedPerson(name, nationality!, s));
        }
        return people;
    }

    internal static TEnum? RequiredEnum<TEnum>(string? value, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (Vocabulary.TryParse<TEnum>(value, out var parsed))
            return parsed;
        var allowed = string.Join(", ", Vocabulary.WireNames<TEnum>());
        errors.Add(field, value is null ? Say.Format("Valid.OneOfRequired", allowed) : Say.Format("Valid.NotOneOf", value, allowed));
        return null;
    }

    internal static string? RequiredText(string? value, string field, int maxLength, ValidationErrors errors, bool multiLine = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, Say.Text("Valid.Required"));
            return null;
        }
        return OptionalText(value, field, maxLength, errors, multiLine);
    }

    // Names, titles and sources are shown on one line beside others: characters that reorder the text around them
    // (bidirectional overrides and isolates) could make a figure read as another's. NUL belongs in no text.
    [GeneratedRegex("[\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex BidiControl();

    internal static string? OptionalText(string? value, string field, int maxLength, ValidationErrors errors, bool multiLine = false)
    {
        if (value is null)
            return null;
        if (value.Contains('\0'))
        {
            errors.Add(field, Say.Text("Valid.NoNul"));
            return null;
        }
        if (!multiLine && BidiControl().IsMatch(value))
        {
            errors.Add(field, Say.Text("Valid.NoBidiOverride"));
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            errors.Add(field, Say.Format("Valid.AtMostChars", maxLength, trimmed.Length));
            return null;
        }
        return trimmed.Length == 0 ? null : trimmed;
    }
}
