using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>A report's statement with its translations (<c>statementTranslations</c>): stored, read back, carried by CSV
/// and JSON files, and refused by name when malformed.</summary>
[Collection(SharedAppCollection.Name)]
public class StatementTranslationTests(DashboardFactory app)
{
    private static JsonObject Translated(string id) => WithTranslations(ApiClient.ValidReport(id), new JsonArray(
        new JsonObject { ["language"] = "ja", ["text"] = "人質5人が死亡した。" },
        new JsonObject { ["language"] = "fr", ["text"] = "Cinq otages sont morts." }));

    private static JsonObject WithTranslations(JsonObject report, JsonArray translations)
    {
        report["statementTranslations"] = translations;
        return report;
    }

    [Fact]
    public async Task A_report_keeps_its_statement_and_each_translation_with_its_language()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;

        var created = await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", Translated("translated-report"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await (await app.CreateWriter().GetAsync($"/api/incidents/{slug}/reports/translated-report")).JsonAsync();
        Assert.Equal("Five hostages are dead.", (string?)stored["statement"]);
        var translations = stored["statementTranslations"]!.AsArray();
        Assert.Equal(["ja", "fr"], translations.Select(t => (string?)t!["language"]));
        Assert.Equal("人質5人が死亡した。", (string?)translations[0]!["text"]);
    }

    [Fact]
    public async Task Sending_it_again_with_another_translation_is_another_report_under_the_same_id_and_refused()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Translated("twice"))).StatusCode);

        var same = await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Translated("twice"));
        var other = await writer.PostJsonAsync($"/api/incidents/{slug}/reports",
            WithTranslations(ApiClient.ValidReport("twice"), new JsonArray(new JsonObject { ["language"] = "ja", ["text"] = "別の訳" })));

        Assert.True(same.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
    }

    [Fact]
    public async Task A_translation_without_a_language_code_or_text_or_given_twice_is_refused_by_name_and_nothing_is_stored()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var report = WithTranslations(ApiClient.ValidReport("badly-translated"), new JsonArray(
            new JsonObject { ["language"] = "japanese please", ["text"] = "x" },
            new JsonObject { ["language"] = "fr" },
            new JsonObject { ["language"] = "de", ["text"] = "Fünf Geiseln sind tot." },
            new JsonObject { ["language"] = "DE", ["text"] = "Noch einmal." },
            null));

        var response = await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", report);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["statementTranslations[0].language", "statementTranslations[1].text", "statementTranslations[3].language", "statementTranslations[4]"],
            await response.ErrorFieldsAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(slug));
    }

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("json", "application/json")]
    public async Task An_exported_file_carries_the_translations_so_importing_it_again_is_the_same_reports(string format, string contentType)
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/incidents/{slug}/reports", Translated($"exported-{format}"))).StatusCode);

        var file = await writer.GetStringAsync($"/api/incidents/{slug}/export?format={format}");
        // A report under its id that says anything else (a translation lost or changed) is refused as a conflict.
        var again = await writer.PostAsync($"/api/incidents/{slug}/import", new StringContent(file, Encoding.UTF8, contentType));

        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.Situation.CountReportsAsync(slug));
        if (format == "csv")
        {
            Assert.Contains("statementTranslations", file.Split('\n')[0]);
            Assert.Contains("人質5人が死亡した。", file);
        }
    }

    [Fact]
    public async Task A_csv_cell_that_is_not_the_json_array_is_refused_by_line_and_column()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var csv = "reportedAt,sourceName,sourceKind,statement,group,status,scope,count,qualifier,statementTranslations\n"
            + "2013-01-18T12:00:00+01:00,Agency,media,Five dead.,hostages,killed,all,5,exact,ja: 5人死亡\n";

        var response = await app.CreateWriter().PostAsync($"/api/incidents/{slug}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 2, column statementTranslations", await response.ErrorFieldsAsync());
        Assert.Equal(0, await app.Situation.CountReportsAsync(slug));
    }
}
