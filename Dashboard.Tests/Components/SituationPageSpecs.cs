using AngleSharp.Dom;
using Bunit;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>What an analyst sees on the situation page for In Amenas.</summary>
[Collection(SharedAppCollection.Name)]
public class SituationPageSpecs(DashboardFactory app) : SituationPageContext(app)
{
    private IRenderedComponent<SituationPage> OpenInAmenas(string? country = null, string? asOf = null)
    {
        var query = string.Join("&", new[] { ("country", country), ("asOf", asOf) }
            .Where(q => q.Item2 is not null).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
        return RenderAt<SituationPage>($"/incidents/in-amenas?{query}", p => p.Add(x => x.Slug, "in-amenas"));
    }

    private static IElement Card(IRenderedComponent<SituationPage> page, string key) =>
        page.Find($"[data-tally-key='{key}']");

    private static string Text(IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ");

    private static string CountOf(IElement card) => card.QuerySelector(".tally-count")!.TextContent.Trim();

    [Fact]
    public void As_of_friday_night_the_cards_show_the_provisional_toll_and_the_kidnappers_claim_as_a_claim()
    {
        var page = OpenInAmenas(asOf: "2013-01-18T23:00:00+01:00");

        var hostagesKilled = Card(page, "hostages/killed/all/");
        Assert.Equal("12", CountOf(hostagesKilled));
        Assert.Contains("provisional", hostagesKilled.TextContent);
        Assert.Equal("18", CountOf(Card(page, "militants/killed/all/")));

        var claim = Card(page, "hostages/killed/foreign/");
        Assert.Equal("35", CountOf(claim));
        Assert.Contains("tally-claim", claim.ClassList);
        Assert.Contains("CLAIM — not confirmed", claim.TextContent);
        Assert.Contains("Claimed by the kidnappers", claim.TextContent);

        Assert.Contains("not live", page.Find(".past-banner").TextContent);
        Assert.Contains("Friday 18 January 2013, 23:00", Text(page.Find(".past-banner")));
    }

    [Fact]
    public void At_the_end_the_interior_ministry_figures_lead_and_are_put_against_the_totals()
    {
        var page = OpenInAmenas();

        var hostagesKilled = Card(page, "hostages/killed/all/");
        Assert.Equal("23", CountOf(hostagesKilled));
        Assert.Contains("Algerian interior ministry", hostagesKilled.TextContent);
        // Wednesday's first 2 and Friday's provisional 12 were counts on the way, not contradictions.
        Assert.Contains("2 earlier figures", hostagesKilled.TextContent);
        Assert.DoesNotContain("dispute", hostagesKilled.TextContent);
        Assert.Contains("of 132", Card(page, "hostages/freed/foreign/").TextContent);
        // 32 militants killed against "about 30" there: no contradiction, and it says so.
        Assert.Contains("— more than the ~30 first reported", Card(page, "militants/killed/all/").TextContent);
        Assert.DoesNotContain("of about 30", Card(page, "militants/killed/all/").TextContent);
        Assert.Equal("107", CountOf(Card(page, "hostages/freed/foreign/")));
        Assert.Equal("32", CountOf(Card(page, "militants/killed/all/")));
        // The live view of an incident whose last report is years old says so.
        Assert.StartsWith("STALE since", page.Find(".live-chip .when-online").TextContent.Trim());
        Assert.Empty(page.FindAll(".past-banner"));
    }

    [Fact]
    public void The_big_numbers_read_first()
    {
        var page = OpenInAmenas();

        var headings = page.FindAll("section[aria-labelledby=overall-heading] [data-tally-key]")
            .Select(c => c.GetAttribute("data-tally-key")!).ToArray();

        Assert.Equal("hostages/killed/all/", headings[0]);
        Assert.True(Array.IndexOf(headings, "hostages/freed/foreign/") < Array.IndexOf(headings, "militants/killed/all/"));
    }

    [Fact]
    public void Opening_the_other_figures_shows_them_side_by_side_with_source_time_and_statement()
    {
        var page = OpenInAmenas();

        Card(page, "hostages/killed/all/").QuerySelector(".tally-alternatives")!.Click();

        var table = Dialogs.WaitForElement(".alternatives-table");
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Contains("23", rows[0]);
        Assert.Contains(rows, r => r.Contains("12") && r.Contains("provisional") && r.Contains("Media reports") && r.Contains("Fri 18 Jan, 18:00"));
        Assert.Contains(rows, r => r.Contains("Two workers, including one Briton, died in the initial assault."));
    }

    [Fact]
    public void The_nationality_filter_narrows_the_cards_the_timeline_and_the_breakdown()
    {
        var page = OpenInAmenas(country: "JP");

        var selected = page.FindAll("section[aria-labelledby=selected-nationalities-heading] [data-tally-key]")
            .Select(c => c.GetAttribute("data-tally-key")!).ToArray();
        Assert.Equal(["hostages/missing/JP/", "hostages/held/JP/"], selected);
        Assert.NotEmpty(page.FindAll("section.tally-set-apart [data-tally-key='hostages/killed/all/']"));
        Assert.Contains("not narrowed by the nationality filter", page.Find("#overall-heading").TextContent);

        var events = page.FindAll(".timeline-entry");
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains("JP", e.GetAttribute("data-countries")!.Split(',')));
        Assert.DoesNotContain("Norwegian", page.Find("section[aria-labelledby=timeline-heading]").TextContent);

        var countries = page.FindAll(".country-grid .country-name").Select(c => c.TextContent).ToArray();
        Assert.Contains("Japan", Assert.Single(countries));
    }

    [Fact]
    public void A_country_scoped_figure_given_as_local_shows_under_the_host_country()
    {
        var page = OpenInAmenas(country: "DZ");

        Assert.Equal("685", CountOf(Card(page, "hostages/freed/local/")));
        Assert.Contains("Algeria", Assert.Single(page.FindAll(".country-grid .country-name")).TextContent);
    }

    [Fact]
    public void An_unknown_incident_says_so_and_links_home()
    {
        var page = Render<SituationPage>(p => p.Add(x => x.Slug, "atlantis"));

        Assert.Contains("Incident not found", page.Find("h1").TextContent);
        Assert.Contains("atlantis", page.Markup);
        Assert.Equal("", page.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void A_bad_moment_or_country_in_the_address_is_pointed_out_not_fatal()
    {
        var page = OpenInAmenas(country: "JP,XX", asOf: "yesterday");

        Assert.Contains("XX", page.Markup);
        Assert.Contains("Ignored the moment", page.Markup);
        Assert.Equal("10", CountOf(Card(page, "hostages/missing/JP/")));
    }

    [Fact]
    public void The_nationality_table_sorts_by_a_figure_largest_first_and_reverses_on_a_second_click()
    {
        var page = OpenInAmenas();
        string[] Countries() => page.FindAll(".country-grid tbody th").Select(c => c.TextContent.Trim()[^2..]).ToArray();
        Assert.Equal(["DZ", "BE", "JP", "NO", "GB", "US"], Countries());

        page.FindAll(".country-grid thead button").Single(b => b.TextContent.Trim() == "held").Click();
        Assert.Equal(["BE", "US", "JP", "GB", "DZ", "NO"], Countries());
        Assert.Equal("descending", page.FindAll(".country-grid thead th").Single(th => th.TextContent.Contains("held")).GetAttribute("aria-sort"));

        page.FindAll(".country-grid thead button").Single(b => b.TextContent.Contains("held")).Click();
        Assert.Equal(["JP", "GB", "US", "BE", "DZ", "NO"], Countries());
    }

    [Fact]
    public void The_chart_of_the_breakdown_is_drawn_on_request_and_leaves_out_the_host_country()
    {
        var page = OpenInAmenas();
        Assert.Empty(page.FindAll(".mud-chart"));

        page.FindAll("button").Single(b => b.TextContent.Contains("as a chart")).Click();

        var chart = page.Find(".breakdown-chart");
        Assert.Contains("Japan 10 missing", chart.GetAttribute("aria-label"));
        Assert.DoesNotContain("Algeria", chart.GetAttribute("aria-label"));
        Assert.NotEmpty(page.FindAll(".mud-chart"));
    }

    [Fact]
    public void Picking_a_nationality_puts_it_in_the_address_and_clearing_takes_it_out()
    {
        var page = OpenInAmenas(country: "JP");
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        page.Find(".nationality-filter [data-country=NO]").Click();
        Assert.EndsWith("?country=JP%2CNO", navigation.Uri);

        page.Find(".nationality-filter .link-button").Click();
        Assert.EndsWith("/incidents/in-amenas", navigation.Uri);
    }

    [Fact]
    public void Jumping_to_the_end_of_a_day_puts_that_moment_in_the_address_and_back_to_live_takes_it_out()
    {
        var page = OpenInAmenas();
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.Equal(["End of Wed 16", "End of Thu 17", "End of Fri 18", "End of Sat 19"],
            page.FindAll(".as-of-control .plain-button").Select(b => b.TextContent.Trim()));

        page.FindAll(".as-of-control .plain-button").Single(b => b.TextContent.Contains("Fri 18")).Click();
        Assert.EndsWith("?asOf=2013-01-18T23%3A59%3A00%2B01%3A00", navigation.Uri);

        var past = OpenInAmenas(asOf: "2013-01-18T23:59:00+01:00");
        past.Find(".plain-button-live").Click();
        Assert.EndsWith("/incidents/in-amenas", navigation.Uri);
    }
}
