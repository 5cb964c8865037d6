using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Api;

/// <summary>The API says how each figure that differs stands to the headline.</summary>
[Collection(SharedAppCollection.Name)]
public class AlternativeRelationApiTests(DashboardFactory app)
{
    [Fact]
    public async Task Each_alternative_carries_its_relation_to_the_headline()
    {
        var incident = await app.CreateIncidentAsync();
        await app.Situation.SubmitAsync(incident,
        [
            Reports.Figures("2013-01-18T18:00:00+01:00", Reports.Press, Reports.HostagesKilled(12, Qualifier.Provisional)),
            Reports.Figures("2013-01-19T19:30:00+01:00", new Source("Other agency", SourceKind.Media), Reports.HostagesKilled(25)),
            Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Kidnappers, Reports.HostagesKilled(35, Qualifier.Claimed)),
            Reports.Figures("2013-01-19T20:00:00+01:00", Reports.Ministry, Reports.HostagesKilled(23)),
        ]);

        var tally = Assert.Single(await app.CreateClient().TalliesAsync(incident.Slug));

        Assert.Equal(23, (int)tally!["count"]!);
        var relations = tally["alternatives"]!.AsArray().ToDictionary(a => (int)a!["count"]!, a => (string?)a!["relation"]);
        Assert.Equal(new Dictionary<int, string?> { [12] = "earlier", [25] = "disputed", [35] = "claim" }, relations);
    }
}
