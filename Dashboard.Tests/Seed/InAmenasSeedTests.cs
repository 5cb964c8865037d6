using System.Text.Json;
using Dashboard.Data.Seed;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Seed;

/// <summary>The bundled In Amenas incident, read back through the situation service from a freshly seeded database.</summary>
[Collection(SharedAppCollection.Name)]
public class InAmenasSeedTests(DashboardFactory app)
{
    private const string Slug = "in-amenas";
    private const string WednesdayNight = "2013-01-16T23:59:00+01:00";
    private const string FridayNight = "2013-01-18T23:59:00+01:00";

    private async Task<SituationSnapshot> SituationAt(string? asOf) =>
        (await app.Situation.GetSituationAsync(Slug, asOf is null ? null : DateTimeOffset.Parse(asOf)))!;

    private static Tally Headline(SituationSnapshot s, FigureGroup group, FigureStatus status, string scope, string? organisation = null) =>
        Assert.Single(s.Tallies, t => t.Group == group && t.Status == status && t.Scope == scope && t.Organisation == organisation);

    [Fact]
    public async Task On_Wednesday_night_two_hostages_one_of_them_British_are_dead_and_no_militants()
    {
        var wednesday = await SituationAt(WednesdayNight);

        Assert.Equal(2, Headline(wednesday, FigureGroup.Hostages, FigureStatus.Killed, Scopes.All).Count);
        Assert.Equal(1, Headline(wednesday, FigureGroup.Hostages, FigureStatus.Killed, "GB").Count);
        Assert.DoesNotContain(wednesday.Tallies, t => t.Group == FigureGroup.Militants && t.Status == FigureStatus.Killed);
    }

    [Fact]
    public async Task On_Friday_night_the_provisional_toll_and_the_first_releases_are_the_headlines()
    {
        var friday = await SituationAt(FridayNight);

        var hostagesKilled = Headline(friday, FigureGroup.Hostages, FigureStatus.Killed, Scopes.All);
        Assert.Equal((12, Qualifier.Provisional), (hostagesKilled.Count, hostagesKilled.Qualifier));
        var militantsKilled = Headline(friday, FigureGroup.Militants, FigureStatus.Killed, Scopes.All);
        Assert.Equal((18, Qualifier.Provisional), (militantsKilled.Count, militantsKilled.Qualifier));
        var foreignFreed = Headline(friday, FigureGroup.Hostages, FigureStatus.Freed, Scopes.Foreign);
        Assert.Equal((100, Qualifier.Approximate), (foreignFreed.Count, foreignFreed.Qualifier));
        Assert.Equal(573, Headline(friday, FigureGroup.Hostages, FigureStatus.Freed, Scopes.Local).Count);
        Assert.Equal(132, Headline(friday, FigureGroup.Hostages, FigureStatus.Total, Scopes.Foreign).Count);
    }

    [Fact]
    public async Task At_the_end_the_interior_ministry_totals_lead_and_the_kidnappers_claims_are_kept_as_claims()
    {
        var end = await SituationAt(null);

        var hostagesKilled = Headline(end, FigureGroup.Hostages, FigureStatus.Killed, Scopes.All);
        Assert.Equal(23, hostagesKilled.Count);
        Assert.Equal(new Source("Algerian interior ministry", SourceKind.Government), hostagesKilled.Source);
        Assert.Contains(hostagesKilled.Alternatives, a => a.Count == 12 && a.Qualifier == Qualifier.Provisional);
        Assert.Equal(32, Headline(end, FigureGroup.Militants, FigureStatus.Killed, Scopes.All).Count);
        Assert.Equal(107, Headline(end, FigureGroup.Hostages, FigureStatus.Freed, Scopes.Foreign).Count);
        Assert.Equal(685, Headline(end, FigureGroup.Hostages, FigureStatus.Freed, Scopes.Local).Count);

        var foreignKilledClaim = Headline(end, FigureGroup.Hostages, FigureStatus.Killed, Scopes.Foreign);
        Assert.Equal((35, Qualifier.Claimed, SourceKind.Perpetrator), (foreignKilledClaim.Count, foreignKilledClaim.Qualifier, foreignKilledClaim.Source.Kind));

        var heldClaims = end.Tallies.Where(t => t.Status == FigureStatus.Held && t.Scope.Length == 2)
            .ToDictionary(t => t.Scope, t => (t.Count, t.Qualifier));
        Assert.Equal(new Dictionary<string, (int, Qualifier)>
        {
            ["GB"] = (1, Qualifier.Claimed), ["BE"] = (3, Qualifier.Claimed),
            ["US"] = (2, Qualifier.Claimed), ["JP"] = (1, Qualifier.Claimed),
        }, heldClaims);
    }

    [Fact]
    public async Task At_the_end_the_national_and_company_figures_are_there()
    {
        var end = await SituationAt(null);

        var japanMissing = Headline(end, FigureGroup.Hostages, FigureStatus.Missing, "JP");
        Assert.Equal((10, SourceKind.Government), (japanMissing.Count, japanMissing.Source.Kind));
        var britons = Headline(end, FigureGroup.Hostages, FigureStatus.DeadOrMissing, "GB");
        Assert.Equal((5, Qualifier.Provisional), (britons.Count, britons.Qualifier));
        Assert.Equal(1, Headline(end, FigureGroup.Hostages, FigureStatus.Freed, "NO").Count);
        Assert.Equal(4, Headline(end, FigureGroup.Hostages, FigureStatus.Missing, Scopes.All, "BP").Count);
        Assert.Equal(2, Headline(end, FigureGroup.Hostages, FigureStatus.Injured, Scopes.All, "BP").Count);
        Assert.All(end.Tallies.Where(t => t.Organisation == "BP"), t => Assert.Equal(SourceKind.Company, t.Source.Kind));
    }

    [Fact]
    public async Task The_countries_view_shows_local_figures_under_the_host_country_and_leaves_organisations_out()
    {
        var countries = (await SituationAt(null)).Countries.ToDictionary(c => c.Country);

        Assert.Equal("Algeria", countries["DZ"].Name);
        Assert.Equal(685, countries["DZ"].Counts["freed"]);
        Assert.Equal(10, countries["JP"].Counts["missing"]);
        Assert.Equal(Qualifier.Claimed, countries["JP"].Qualifiers["held"]);
        Assert.Equal(5, countries["GB"].Counts["dead-or-missing"]);
        Assert.Equal(1, countries["NO"].Counts["freed"]);
        Assert.DoesNotContain(countries.Values, c => c.Counts.ContainsKey("injured"));
    }

    [Fact]
    public async Task The_timeline_has_events_on_each_of_the_four_days_each_tagged_with_countries()
    {
        var end = await SituationAt(null);
        var incident = end.Incident;

        Assert.True(end.Timeline.Count >= 8, $"only {end.Timeline.Count} events");
        Assert.Equal(end.Timeline.OrderBy(e => e.At).Select(e => e.Title), end.Timeline.Select(e => e.Title));
        var days = end.Timeline.Select(e => incident.InLocalTime(e.At).Day).Distinct().Order();
        Assert.Equal([16, 17, 18, 19], days);
        Assert.All(end.Timeline, e => Assert.NotEmpty(e.Countries));
        var norwegian = Assert.Single(end.Timeline, e => e.Title.Contains("Norwegian"));
        Assert.Equal(["NO"], norwegian.Countries);
    }

    [SkippableFact]
    public void Every_seeded_statement_is_a_sentence_of_the_article_word_for_word()
    {
        var article = SeedArticle.TextOrSkip();
        var seed = IncidentSeeder.Load("in-amenas.json", new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.True(seed.Reports.Count >= 15);
        Assert.All(seed.Reports, report =>
        {
            Assert.False(string.IsNullOrWhiteSpace(report!.Statement));
            Assert.Contains(report.Statement!, article, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task Every_stored_figure_and_event_carries_a_statement_found_in_the_article()
    {
        var article = SeedArticle.TextOrSkip();
        var end = await SituationAt(null);

        Assert.NotEmpty(end.Tallies.SelectMany(t => t.Alternatives.Select(a => a.Statement).Prepend(t.Statement!)));
        Assert.All(end.Tallies.SelectMany(t => t.Alternatives.Select(a => a.Statement).Prepend(t.Statement!)),
            statement => Assert.Contains(statement, article, StringComparison.Ordinal));
        foreach (var entry in end.Timeline)
            Assert.Contains((await app.Situation.FindReportAsync(Slug, entry.ReportId))!.Statement, article, StringComparison.Ordinal);
    }
}
