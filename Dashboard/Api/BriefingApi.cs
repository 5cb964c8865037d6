using Dashboard.Security.Limits;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Api;

/// <summary>The briefing: what changed between two moments, and the situation report as a PDF.</summary>
public static class BriefingApi
{
    public static IEndpointRouteBuilder MapBriefingApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Briefing")
            .RequireApiAccess(Access.AccessPolicies.ReadApi)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        incidents.MapGet("/{slug}/changes", GetChanges)
            .WithSummary("What changed after since and by asOf (default now), narrowed to nationalities (country): the headlines that moved, nationalities with figures for the first time, claims first made, retractions and the timeline's events in between.")
            .Produces<ChangesResponse>()
            .LimitedBy(Budget.ExpensiveReads);
        incidents.MapGet("/{slug}/sitrep.pdf", GetSitrepPdf)
            .WithSummary("The situation report as of a moment (asOf, default now), narrowed to nationalities (country), with what changed since an earlier moment (since, optional): an A4 PDF.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .LimitedBy(Budget.ExpensiveReads);
        return app;
    }

    private static async Task<IResult> GetSitrepPdf(string slug, string? since, string? asOf, string? country, SituationService situation, TimeProvider clock,
        Microsoft.Extensions.Options.IOptionsMonitor<RateLimitSettings> limits, CancellationToken ct)
    {
        if (!BriefingQuery.TryParse(since, asOf, country, out var query, out var errors, sinceRequired: false))
            return TypedResults.ValidationProblem(errors);
        var generated = clock.GetUtcNow();
        if (await situation.GetSituationAsync(slug, query.AsOf, ct) is not { } snapshot)
            return ApiProblems.UnknownIncident(slug);
        if (query.Since is { } earlier && earlier >= snapshot.AsOf)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = ["It must be earlier than the moment of the report."] });
        var changes = query.Since is { } moment ? await situation.GetChangesAsync(slug, moment, query.AsOf, query.Countries, ct) : null;
        var charts = await situation.GetChartedHistoriesAsync(snapshot, query.Countries, Components.Briefing.SitrepText.ChartsShown, ct);
        var sources = await situation.GetSourceGradesAsync(slug, ct) ?? [];
        var pdf = Briefing.SitrepPdf.Write(snapshot, query.Countries, changes, live: query.AsOf is null, generated, charts, sources,
            maxPages: limits.CurrentValue.PdfMaxPages);
        var stamp = snapshot.AsOf.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(pdf, "application/pdf", $"sitrep-{slug}-{stamp}.pdf");
    }

    private static async Task<IResult> GetChanges(string slug, string? since, string? asOf, string? country, SituationService situation, CancellationToken ct)
    {
        if (!BriefingQuery.TryParse(since, asOf, country, out var query, out var errors))
            return TypedResults.ValidationProblem(errors);
        return await situation.GetChangesAsync(slug, query.Since!.Value, query.AsOf, query.Countries, ct) is { } changes
            ? TypedResults.Ok(ChangesResponse.From(changes))
            : ApiProblems.UnknownIncident(slug);
    }
}

/// <summary>The briefing's parameters: the moment (<c>asOf</c>), the nationalities (<c>country</c>) and the moment compared with (<c>since</c>).</summary>
public sealed record BriefingQuery(DateTimeOffset? Since, DateTimeOffset? AsOf, CountryFilter Countries)
{
    /// <param name="sinceRequired">Whether a missing <c>since</c> is an error (the changes) or no comparison (the report).</param>
    public static bool TryParse(string? since, string? asOf, string? country, out BriefingQuery query, out IDictionary<string, string[]> errors, bool sinceRequired = true)
    {
        SituationQuery.TryParse(asOf, country, out var situation, out errors);
        DateTimeOffset? earlier = null;
        if (string.IsNullOrWhiteSpace(since))
        {
            if (sinceRequired)
                errors["since"] = [$"Say the earlier moment to compare with. {IsoInstant.Expected}"];
        }
        else if (!IsoInstant.TryParse(since, out var parsed))
            errors["since"] = [$"'{since}' is not understood. {IsoInstant.Expected}"];
        else if (situation.AsOf is { } later && parsed >= later)
            errors["since"] = ["It must be earlier than asOf."];
        else
            earlier = parsed;
        query = new BriefingQuery(earlier, situation.AsOf, situation.Countries);
        return errors.Count == 0;
    }
}

/// <summary>
/// What changed, as the API gives it: figures with their source and time, and retractions with their reason, but not
/// the sources' own words or the people reports name (those are for Analysts, through the reports themselves).
/// </summary>
public sealed record ChangesResponse(
    DateTimeOffset Since,
    DateTimeOffset AsOf,
    IReadOnlyList<ChangesResponse.Headline> Headlines,
    IReadOnlyList<string> NewNationalities,
    IReadOnlyList<ChangesResponse.Claim> NewClaims,
    IReadOnlyList<ChangesResponse.RetractedReport> Retractions,
    IReadOnlyList<TimelineEntry> Events)
{
    public sealed record Figure(int Count, Qualifier Qualifier, Source Source, DateTimeOffset ReportedAt, string ReportId);

    /// <param name="Says">The move in words, the same as every screen says it: "23 → at least 40".</param>
    public sealed record Headline(FigureGroup Group, FigureStatus Status, string Scope, string? Organisation, Figure? Before, Figure? After, string Says);

    public sealed record Claim(FigureGroup Group, FigureStatus Status, string Scope, string? Organisation, int Count, Source Source, DateTimeOffset ReportedAt, bool IsHeadline);

    /// <param name="WholeReport">The report was retracted with all its figures; false when only <paramref name="Figures"/> were withdrawn.</param>
    public sealed record RetractedReport(string ReportId, Source Source, DateTimeOffset ReportedAt, DateTimeOffset RetractedAt, string Reason, bool WholeReport, IReadOnlyList<Situation.Figure> Figures);

    public static ChangesResponse From(ChangesSince changes) => new(
        changes.Since,
        changes.AsOf,
        changes.Headlines.Select(h => new Headline(h.Key.Group, h.Key.Status, h.Key.Scope, h.Key.Organisation, FigureOf(h.Before), FigureOf(h.After), h.Says)).ToArray(),
        changes.NewNationalities,
        changes.NewClaims.Select(c => new Claim(c.Key.Group, c.Key.Status, c.Key.Scope, c.Key.Organisation, c.Count, c.Source, c.ReportedAt, c.IsHeadline)).ToArray(),
        changes.Retractions.Select(w => new RetractedReport(w.Report.Id, w.Report.Source, w.Report.ReportedAt, w.Retraction.At, w.Retraction.Reason, w.WholeReport, w.Figures)).ToArray(),
        changes.Events);

    private static Figure? FigureOf(Tally? tally) =>
        tally is null ? null : new Figure(tally.Count, tally.Qualifier, tally.Source, tally.ReportedAt, tally.ReportId);
}
