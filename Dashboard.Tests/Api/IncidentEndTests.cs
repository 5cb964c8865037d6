using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>PUT/DELETE /api/incidents/{slug}/end: an Analyst's program marks when the incident ended, audited; bad input changes nothing.</summary>
[Collection(SharedAppCollection.Name)]
public class IncidentEndTests(DashboardFactory app)
{
    private static HttpContent Body(string? endedAt) => JsonContent.Create(new JsonObject { ["endedAt"] = endedAt });

    private async Task<JsonNode> IncidentAsync(string slug) => (await app.CreateClient().GetFromJsonAsync<JsonNode>($"/api/incidents/{slug}"))!;

    [Fact]
    public async Task Marking_an_incident_ended_keeps_the_moment_with_its_offset_and_is_audited_and_can_be_taken_back()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();

        var ended = await writer.PutAsync($"/api/incidents/{slug}/end", Body("2013-01-19T13:00:00+01:00"));

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("2013-01-19T13:00:00+01:00", (string?)(await ended.JsonAsync())["endedAt"]);
        Assert.Equal("2013-01-19T13:00:00+01:00", (string?)(await IncidentAsync(slug))["endedAt"]);
        Assert.Equal(DateTimeOffset.Parse("2013-01-19T12:00:00Z"), (await app.Situation.GetSituationAsync(slug))!.Incident.EndedAt);
        var audit = Assert.Single(await app.Situation.GetAuditAsync(new AuditFilter(null, "end incident", slug)));
        Assert.Contains("2013-01-19 13:00 +01:00", audit.Detail);

        var reopened = await writer.DeleteAsync($"/api/incidents/{slug}/end");

        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Null((string?)(await IncidentAsync(slug))["endedAt"]);
        Assert.Null((await app.Situation.GetSituationAsync(slug))!.Incident.EndedAt);
        Assert.Single(await app.Situation.GetAuditAsync(new AuditFilter(null, "reopen incident", slug)));
    }

    [Theory]
    [InlineData(null, "Required")]
    [InlineData("2013-01-19T13:00:00", "offset")]
    [InlineData("2013-01-15T13:00:00+01:00", "before the incident started")]
    [InlineData("2099-01-19T13:00:00+01:00", "future")]
    public async Task A_bad_end_is_refused_naming_the_field_and_changes_nothing(string? endedAt, string message)
    {
        var slug = (await app.CreateIncidentAsync()).Slug;

        var refused = await app.CreateWriter().PutAsync($"/api/incidents/{slug}/end", Body(endedAt));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(message, (string?)(await refused.JsonAsync())["errors"]!["endedAt"]![0]);
        Assert.Null((string?)(await IncidentAsync(slug))["endedAt"]);
        Assert.Empty(await app.Situation.GetAuditAsync(new AuditFilter(null, "end incident", slug)));
    }

    [Fact]
    public async Task Ending_needs_a_key_and_a_known_incident()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync($"/api/incidents/{slug}/end", Body("2013-01-19T13:00:00+01:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateWriter().PutAsync("/api/incidents/atlantis/end", Body("2013-01-19T13:00:00+01:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateWriter().DeleteAsync("/api/incidents/atlantis/end")).StatusCode);
        Assert.Null((string?)(await IncidentAsync(slug))["endedAt"]);
    }
}
