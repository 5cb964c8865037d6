using System.Security.Cryptography;
using Dashboard.Components.Briefing;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace Dashboard.Briefing;

/// <summary>What an issuer asks for: the moment (now when null), the nationalities, their key points and a marking.</summary>
public sealed record SitrepRequest(DateTimeOffset? AsOf, CountryFilter Countries, string Summary, string? Marking)
{
    /// <summary>A request from loosely typed input (the API's body, the page's form), every problem named by its field.</summary>
    public static SitrepRequest? From(string? asOf, string? country, string? summary, string? marking, Incident incident, SitrepSettings settings,
        DateTimeOffset now, ValidationErrors errors)
    {
        DateTimeOffset? moment = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (!IsoInstant.TryParse(asOf, out var parsed))
                errors.Add("asOf", $"'{asOf}' is not understood. {IsoInstant.Expected}");
            else if (parsed > now || parsed < incident.StartedAt)
                errors.Add("asOf", Localization.Say.Text("Issued.AsOfRange"));
            else
                moment = parsed;
        }
        var countries = CountryFilter.Parse(country, out var unknown);
        if (unknown.Count > 0)
            errors.Add("country", Localization.Say.Format("Issued.NotCountries", string.Join(", ", unknown)));
        var words = ReportValidator.RequiredText(summary, "summary", SitrepSettings.MaxSummaryLength, errors, multiLine: true);
        var chosen = string.IsNullOrWhiteSpace(marking) ? null : marking.Trim();
        if (chosen is not null && !settings.Markings.Contains(chosen, StringComparer.Ordinal))
            errors.Add("marking", settings.Markings.Count == 0
                ? Localization.Say.Text("Issued.NoMarkings")
                : Localization.Say.Format("Issued.MarkingOneOf", string.Join(", ", settings.Markings)));
        return errors.Any ? null : new SitrepRequest(moment, countries, words!, chosen);
    }
}

/// <summary>
/// Issues situation reports: makes the report for its moment and nationalities under the next number, its changes
/// running from the previous issued report's moment, renders its PDF and page once and stores them as issued. Two
/// issuers at once (on one instance or several) cannot take one number: the later makes its report again under the next.
/// </summary>
public sealed class SitrepIssuer(SituationService situation, IssuedSitreps issued, IServiceScopeFactory scopes, ILoggerFactory loggers,
    IOptionsMonitor<SitrepSettings> settings, TimeProvider clock)
{
    private const int Attempts = 5;

    public SitrepSettings Settings => settings.CurrentValue;

    public async Task<IssuedSitrep> IssueAsync(Incident incident, SitrepRequest request, Actor author, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var previous = await issued.LatestAsync(incident, cancellationToken);
            var issuedAt = clock.GetUtcNow();
            // The moment is fixed now, so the report says what was known at it, whenever it is read.
            var snapshot = (await situation.GetSituationAsync(incident.Slug, request.AsOf ?? issuedAt, cancellationToken))!;
            DateTimeOffset? since = previous?.AsOf is { } last && last < snapshot.AsOf ? last : null;
            var changes = since is { } from ? await situation.GetChangesAsync(incident.Slug, from, snapshot.AsOf, request.Countries, cancellationToken) : null;
            var charts = await situation.GetChartedHistoriesAsync(snapshot, request.Countries, SitrepText.ChartsShown, cancellationToken);
            var sources = await situation.GetSourceGradesAsync(incident.Slug, cancellationToken) ?? [];
            var issue = new SitrepIssue((previous?.Number ?? 0) + 1, author.Name, issuedAt, request.Summary, request.Marking);
            var pdf = SitrepPdf.Write(snapshot, request.Countries, changes, live: false, issuedAt, charts, sources, issue);
            var page = await RenderPageAsync(new Dictionary<string, object?>
            {
                [nameof(SitrepDocument.Situation)] = snapshot, [nameof(SitrepDocument.Filter)] = request.Countries,
                [nameof(SitrepDocument.Changes)] = changes, [nameof(SitrepDocument.Charts)] = charts, [nameof(SitrepDocument.Sources)] = sources,
                [nameof(SitrepDocument.Generated)] = issuedAt, [nameof(SitrepDocument.Issue)] = issue,
            });
            var sitrep = new IssuedSitrepEntity
            {
                Number = issue.Number, IssuedAt = issuedAt, Author = author.Name, AsOf = snapshot.AsOf, Since = since,
                Countries = string.Join(",", request.Countries.Codes.Order(StringComparer.Ordinal)), Summary = request.Summary,
                Marking = request.Marking, Pdf = pdf, Page = page, Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            };
            if (await situation.IssueSitrepAsync(incident, sitrep, author, cancellationToken) == IssueResult.Issued)
                return new IssuedSitrep(sitrep.Number, issuedAt, author.Name, snapshot.AsOf, since, [.. request.Countries.Codes.Order(StringComparer.Ordinal)],
                    request.Summary, request.Marking, sitrep.Sha256);
        }
        throw new InvalidOperationException($"Issuing a report for {incident.Slug} lost the race for its number {Attempts} times.");
    }

    // The report's page as HTML, rendered once, outside any request: what is stored is what was issued.
    private async Task<string> RenderPageAsync(Dictionary<string, object?> parameters)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<SitrepDocument>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>The stored page as a whole document, in the app's own styles (the CSP allows nothing else).</summary>
    public static string Document(IssuedSitrep sitrep, Incident incident, string page) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><base href="/" />
        <title>SITREP {sitrep.Number} · {System.Net.WebUtility.HtmlEncode(incident.Name)}</title><link rel="stylesheet" href="app.css" /></head>
        <body><div class="sitrep">{page}</div></body></html>
        """;
}
