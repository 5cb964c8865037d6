using System.Reflection;
using System.Text.Json;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Seed;

/// <summary>A bundled incident: the incident itself and its reports in the API's own JSON format.</summary>
public sealed record SeedFile(IncidentSubmission Incident, List<ReportSubmission?> Reports);

/// <summary>
/// Seeds the bundled incidents on first start through the same validation and journal the API uses. An incident
/// that already has reports is left alone, so a seed never runs twice; its fixed report ids make a rerun a no-op anyway.
/// </summary>
public sealed class IncidentSeeder(SituationService situation, IOptions<JsonOptions> json, IConfiguration configuration, TimeProvider clock, ILogger<IncidentSeeder> logger)
{
    public static readonly string[] BundledFiles = ["in-amenas.json"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        // Seed:Enabled=false starts on an empty database (a real deployment, or a restore by import).
        if (!configuration.GetValue("Seed:Enabled", true))
            return;
        foreach (var file in BundledFiles)
            await SeedAsync(Load(file, json.Value.SerializerOptions), cancellationToken);
    }

    public static SeedFile Load(string fileName, JsonSerializerOptions options)
    {
        var resource = $"{typeof(IncidentSeeder).Namespace}.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The seed file {resource} is not embedded in the app.");
        return JsonSerializer.Deserialize<SeedFile>(stream, options)
            ?? throw new InvalidOperationException($"The seed file {resource} is empty.");
    }

    public async Task SeedAsync(SeedFile seed, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var newIncident = IncidentValidator.Validate(seed.Incident, clock.GetUtcNow(), errors) ?? throw new SubmissionRejectedException(errors);
        var incident = await situation.FindIncidentAsync(newIncident.Slug, cancellationToken);
        if (incident is not null && await situation.CountReportsAsync(incident.Slug, cancellationToken) > 0)
            return;

        if (incident is null)
        {
            await situation.CreateIncidentAsync(newIncident, Actor.Seed, cancellationToken);
            incident = (await situation.FindIncidentAsync(newIncident.Slug, cancellationToken))!;
        }

        var reports = seed.Reports
            .Select((report, i) => situation.Validator.Validate(report, incident, errors, $"reports[{i}]."))
            .ToArray();
        if (errors.Any)
            throw new SubmissionRejectedException(errors);

        var outcomes = await situation.SubmitAsync(incident, reports!, Actor.Seed, "seed", cancellationToken);
        logger.LogInformation("Seeded {Incident} with {Count} reports", incident.Slug, outcomes.Count(o => o.Result == WriteResult.Created));
    }
}
