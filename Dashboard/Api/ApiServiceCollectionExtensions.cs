using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api;

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddSituationApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<LiveTalliesDocuments>();
        services.AddSingleton<TalliesAnswers>();
        services.AddSingleton<Briefing.IssuedSitreps>();
        services.AddSingleton<Briefing.SitrepIssuer>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(Vocabulary.EnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // A misspelt field ("figure", "statment") is refused rather than silently dropped.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // {"count": 5, "count": 50} would keep one of them silently; say so instead.
            json.SerializerOptions.AllowDuplicateProperties = false;
            // The web defaults read "count": "1" as a number; a count sent as text is a client's mistake to be told of.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi(openApi => openApi.AddSchemaTransformer(DescribeSubmissionVocabulary).AddOperationTransformer(DescribeAlternatives));
        return services;
    }

    // Submissions carry the vocabulary as plain strings (so that validation can name every bad value at once);
    // the document still lists the values each field accepts.
    private static Task DescribeSubmissionVocabulary(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(FigureSubmission))
        {
            Enumerate<FigureGroup>(schema, "group");
            Enumerate<FigureStatus>(schema, "status");
            Enumerate<Qualifier>(schema, "qualifier");
            Describe(schema, "scope", "all, foreign, local or an ISO 3166-1 alpha-2 code; the host country's code is stored as local.");
        }
        else if (type == typeof(SourceSubmission))
            Enumerate<SourceKind>(schema, "kind");
        else if (type == typeof(PersonSubmission))
            Enumerate<FigureStatus>(schema, "status");
        else if (type == typeof(ReportSubmission))
        {
            Describe(schema, "reportedAt", IsoInstant.Expected);
            schema.Examples = [JsonNode.Parse("""
                {"id": "moj-2013-01-19-01", "reportedAt": "2013-01-19T20:00:00+01:00",
                 "source": {"name": "Algerian interior ministry", "kind": "government"},
                 "statement": "Afterwards the Algerian interior ministry reported that, in all, 23 hostages and all 32 terrorists had died.",
                 "figures": [{"group": "hostages", "status": "killed", "scope": "all", "count": 23, "qualifier": "exact"}]}
                """)!];
        }
        return Task.CompletedTask;
    }

    // The choice of alternatives is read as a string (so that a wrong one is named in a 400); the document lists the choices.
    private static Task DescribeAlternatives(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter.Name == Alternatives.Parameter && parameter is OpenApiParameter described)
            {
                described.Description = Alternatives.Description;
                if (described.Schema is OpenApiSchema schema)
                {
                    schema.Enum = Alternatives.Values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
                    schema.Default = JsonValue.Create(Alternatives.Values[0]);
                }
            }
        return Task.CompletedTask;
    }

    private static void Enumerate<TEnum>(OpenApiSchema schema, string property) where TEnum : struct, Enum
    {
        if (schema.Properties?.TryGetValue(property, out var p) == true && p is OpenApiSchema target)
            target.Enum = Vocabulary.WireNames<TEnum>().Select(n => (JsonNode)JsonValue.Create(n)!).ToList();
    }

    private static void Describe(OpenApiSchema schema, string property, string description)
    {
        if (schema.Properties?.TryGetValue(property, out var p) == true && p is OpenApiSchema target)
            target.Description = description;
    }
}
