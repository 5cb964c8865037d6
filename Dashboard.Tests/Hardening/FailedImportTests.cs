using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Situation.Transfer;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Hardening;

/// <summary>
/// A big file with many wrong rows is refused at a bounded cost: the first problems listed, the rest counted
/// (issue 24, finding 6: 569k bad rows gave an 87 MB answer and kept 1 GB of memory).
/// </summary>
[Collection(SharedAppCollection.Name)]
public class FailedImportTests(DashboardFactory app)
{
    private static string CsvOfWrongRows(int rows)
    {
        var csv = new StringBuilder("reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier\n");
        for (var row = 0; row < rows; row++)
            csv.Append($"wrong-{row},2013-01-16T06:00:00+01:00,Press agency,media,Report {row},hostages,dead,all,,many,exact\n");
        return csv.ToString();
    }

    [Fact]
    public async Task A_file_with_3000_problems_lists_the_first_thousand_and_says_how_many_there_are()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;

        var response = await app.CreateWriter().PostAsync($"/api/incidents/{slug}/import",
            new StringContent(CsvOfWrongRows(1_500), Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var listed = problem["errors"]!.AsObject().Sum(field => field.Value!.AsArray().Count);
        Assert.Equal(ReportImporter.ProblemsListed, listed);
        Assert.Equal(3_000, (int)problem["problemCount"]!);
        Assert.Equal("The first 1,000 of 3,000 problems found are listed; fix them and import again to see the rest.", (string?)problem["detail"]);
        Assert.Contains("line 2, column count", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty((await app.Situation.GetSituationAsync(slug))!.Tallies);
    }

    [Fact]
    public async Task A_file_with_few_problems_lists_them_all_without_a_note()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;

        var response = await app.CreateWriter().PostAsync($"/api/incidents/{slug}/import",
            new StringContent(CsvOfWrongRows(3), Encoding.UTF8, "text/csv"));

        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(6, problem["errors"]!.AsObject().Sum(field => field.Value!.AsArray().Count));
        Assert.Equal(6, (int)problem["problemCount"]!);
        Assert.Null(problem["detail"]);
    }
}
