using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Components.Wall;
using Dashboard.Localization;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

/// <summary>The card, the wall and the report form's errors as a French, Japanese or Arabic reader sees them: every word
/// of theirs from the resources, none of the English left behind.</summary>
[Collection(SharedAppCollection.Name)]
public class LanguageSpecs(DashboardFactory app) : SituationPageContext(app)
{
    public static TheoryData<string> Readers => ["fr", "ja", "ar"];

    // The words a reader of <language> should see, from the resources (what the request would have chosen).
    private static string In(string language, Func<string> words) => Languages.In(language, words);

    private static void Read(string language) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);

    private static void AssertNoEnglish(string markup, params string[] english) =>
        Assert.All(english, words => Assert.DoesNotContain(words, markup));

    [Theory, MemberData(nameof(Readers))]
    public void The_headline_card_says_what_it_counts_who_said_it_and_when_in_the_readers_language(string language)
    {
        Read(language);
        var page = RenderAt<SituationPage>("/incidents/in-amenas", p => p.Add(x => x.Slug, "in-amenas"));
        var card = page.WaitForElement("[data-tally-key='hostages/killed/all/']", Loaded);

        Assert.Equal(In(language, () => Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)), card.QuerySelector("h3")!.TextContent);
        Assert.Equal(In(language, () => Terms.ScopeWords(Scopes.All, "DZ")), card.QuerySelector(".tally-subject")!.TextContent.Trim());
        Assert.Equal(In(language, () => Say.Text("Card.OverTime")), card.QuerySelector(".tally-over-time")!.TextContent);
        Assert.Contains(In(language, () => Say.Date(new DateTimeOffset(2013, 1, 19, 20, 0, 0, TimeSpan.FromHours(1)), "Format.DayTime")), card.TextContent);
        Assert.Equal("23", card.QuerySelector(".tally-count")!.TextContent);
        Assert.Contains(In(language, () => Say.Text("Board.Headline")), page.Find("#overall-heading").TextContent);
        AssertNoEnglish(page.Markup, "Hostages killed", "Headline figures", "Over time", ">By nationality<", "Showing everything reported so far");
    }

    [Theory, MemberData(nameof(Readers))]
    public void The_wall_reads_in_the_readers_language_with_country_names_in_it(string language)
    {
        Read(language);
        var wall = RenderAt<WallPage>("/wall/in-amenas", p => p.Add(x => x.Slug, "in-amenas"));
        wall.WaitForElement(".wall-countries", Loaded);

        Assert.Equal(In(language, () => Say.Text("Wall.ByNationality")), wall.Find(".wall-countries .wall-panel-title span").TextContent);
        Assert.Equal(In(language, () => Say.Text("Wall.LatestEvents")), wall.Find(".wall-timeline .wall-panel-title span").TextContent);
        var countries = wall.FindAll(".wall-countries tbody th").Select(th => th.TextContent.Trim()).ToArray();
        Assert.Contains(countries, name => name == In(language, () => Countries.NameOf("GB")));
        // In the reader's order: the rows' names sorted as the language sorts them.
        Assert.Equal(Languages.In(language, () => countries.Order(Countries.Collation).ToArray()), countries);
        Assert.Equal(In(language, () => Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)),
            wall.Find("[data-tally-key='hostages/killed/all/'] .wall-card-label").TextContent);
        AssertNoEnglish(wall.Markup, "Latest events", "By nationality", "Hostages killed", "not reported", "OLD CLAIM", "Last report");
    }

    [Theory, MemberData(nameof(Readers))]
    public async Task The_report_forms_errors_are_in_the_readers_language_beside_each_field(string language)
    {
        Read(language);
        var incident = await App.CreateIncidentAsync();
        var page = RenderAt<SituationPage>($"/incidents/{incident.Slug}", p => p.Add(x => x.Slug, incident.Slug));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("button")), Loaded);
        page.FindAll("button").Single(b => b.TextContent.Trim() == In(language, () => Say.Text("Actions.NewReport"))).Click();
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll(".report-form")));

        Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == In(language, () => Say.Text("Form.Preview"))).Click();

        string ErrorBeside(string labelKey)
        {
            var label = In(language, () => Say.Text(labelKey));
            var forId = Dialogs.FindAll("label").First(l => l.TextContent.Trim().StartsWith(label, StringComparison.Ordinal)).GetAttribute("for");
            return Dialogs.Find($"#{forId}").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";
        }
        Dialogs.WaitForAssertion(() => Assert.Equal(In(language, () => Say.Text("Valid.Required")), ErrorBeside("Form.Statement")));
        Assert.Equal(In(language, () => Say.Text("Valid.Required")), ErrorBeside("Form.Source"));
        Assert.StartsWith(In(language, () => Say.Around("Valid.OneOfRequired").Before), ErrorBeside("Form.SourceKind"));
        Assert.Equal(In(language, () => Say.Text("Valid.CountRequired")), ErrorBeside("Figure.Count"));
        AssertNoEnglish(Dialogs.Markup, "Required", "whole number", "Save report", "Kind of source");
        Assert.Equal(0, await App.Situation.CountReportsAsync(incident.Slug));
    }
}
