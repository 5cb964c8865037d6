using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using System.Text.Json;
using Dashboard.Components.Situation;
using Dashboard.Components.Wall;
using Dashboard.Data.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The wall hides nothing (issue 26): at 1280×720, 1080p and 4K, with the seeded In Amenas incident (tall cards: claims
/// dated in words, old claims, ranges) plus 40 nationalities of figures, 30 events and twenty companies' figures, every
/// card, nationality and event shows on some page within one turn of the pages, no shown row runs off the screen or its
/// panel, and a panel with pages says which one shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public class WallPagesBrowserTests(BrowserFixture browser)
{
    // The smallest font of any text shown on the wall (hidden rows and pictures aside).
    private const string SmallestText = """
        () => Math.min(...[...document.querySelectorAll('.wall-root *')]
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length > 0 && !e.closest('[hidden]'))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))
        """;

    [BrowserTheory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task Every_nationality_and_every_event_shows_on_some_page_of_the_wall(int width, int height)
    {
        BrowserSkip.IfUnavailable();
        var (incident, nationalities, events, everyCard) = await BigIncidentAsync();

        var wall = await browser.OpenAsync($"/wall/{incident.Slug}?pageSeconds=2", width, height);

        // A crowded wall shows the figures and the lists in turn: each is looked at while it shows.
        await wall.WaitForFunctionAsync("() => document.querySelector('.wall-row-main')?.checkVisibility()", null, new() { Timeout = 60_000 });
        var leading = await wall.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.wall-row-main [data-tally-key]')].map(card => card.dataset.tallyKey)");
        var leadingInside = await wall.EvaluateAsync<bool>("() => [...document.querySelectorAll('.wall-row-main [data-tally-key]')].every(card => card.getBoundingClientRect().bottom <= window.innerHeight + 0.5)");
        var cards = await EveryPageAsync(wall, ".wall-card-pager", ".wall-row-paged");
        var countries = await EveryPageAsync(wall, ".wall-countries", "tbody");
        var timeline = await EveryPageAsync(wall, ".wall-timeline", "ol");
        var smallest = await wall.EvaluateAsync<double>(SmallestText);
        // A wall too small for the figures and the lists together shows them in turn, and says so.
        var crowdedSays = await wall.EvaluateAsync<string?>("() => document.querySelector('.wall-root').dataset.wallShowing ? document.querySelector('[data-wall-screen-note]').textContent : null");
        if (crowdedSays is not null)
            Assert.Matches(@"screen [12] of 2", crowdedSays);
        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } folder)
            await wall.ScreenshotAsync(new() { Path = Path.Combine(folder, $"wall-pages-{width}x{height}.png") });
        await wall.Context.CloseAsync();

        Assert.Equal(nationalities.Order(StringComparer.Ordinal), countries.Names.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(everyCard.Order(StringComparer.Ordinal), leading.Concat(cards.Names).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(events.Order(StringComparer.Ordinal), timeline.Names.Distinct().Order(StringComparer.Ordinal));
        Assert.True(countries.Pages > 1, "40 nationalities fitted one page: the test shows nothing about paging");
        Assert.True(leadingInside, "A leading card ran off the screen");
        Assert.True(countries.AllInside && timeline.AllInside && cards.AllInside, $"A shown row ran off the screen (nationalities {countries.AllInside}, events {timeline.AllInside}, cards {cards.AllInside})");
        // A page that is not the last is full: a list never turns pages while its panel has room for another row.
        Assert.True(countries.MostSpareRows < 1, $"A page of nationalities left room for {countries.MostSpareRows:0.0} more rows");
        Assert.True(timeline.MostSpareRows < 1, $"A page of events left room for {timeline.MostSpareRows:0.0} more rows");
        // Read from across the room: 24 px at 1080p, scaled with the screen (48 px at 4K).
        if (width >= 1920)
            Assert.True(smallest >= 24.0 * width / 1920 - 0.5, $"The smallest text on the wall is {smallest} px at {width}x{height}");
    }

    [BrowserFact]
    public async Task A_4K_wall_shows_more_rows_on_a_page_than_a_1080p_wall()
    {
        BrowserSkip.IfUnavailable();
        var (incident, _, _, _) = await BigIncidentAsync();

        var fullHd = await PagesAsync(incident, 1920, 1080);
        var ultraHd = await PagesAsync(incident, 3840, 2160);

        // Headings and figures grow more slowly than the screen past 1080p while no text drops below 48 px at 4K:
        // the extra pixels become rows, so the same lists take fewer pages.
        Assert.True(ultraHd.Countries < fullHd.Countries, $"Nationalities take {ultraHd.Countries} pages at 4K and {fullHd.Countries} at 1080p");
        Assert.True(ultraHd.Events < fullHd.Events, $"Events take {ultraHd.Events} pages at 4K and {fullHd.Events} at 1080p");
        Assert.True(ultraHd.Smallest >= 48 - 0.5, $"The smallest text at 4K is {ultraHd.Smallest} px");
    }

    private async Task<(int Countries, int Events, double Smallest)> PagesAsync(Incident incident, int width, int height)
    {
        var wall = await browser.OpenAsync($"/wall/{incident.Slug}?pageSeconds=2", width, height);
        // Settled (no check pending of whether figures and lists must show in turn) and the lists showing.
        await wall.WaitForFunctionAsync("() => !document.querySelector('.wall-root')?.__wallSuspect && ['.wall-countries tbody', '.wall-timeline ol'].every(list => document.querySelector(list)?.checkVisibility() && document.querySelector(list).__wallPages !== undefined)",
            null, new() { Timeout = 60_000 });
        // Once the font is in and the lists have been re-cut for it, a page count is what the room sees.
        var pages = await wall.EvaluateAsync<int[]>(CountPages);
        var smallest = await wall.EvaluateAsync<double>(SmallestText);
        await wall.Context.CloseAsync();
        return (pages[0], pages[1], smallest);
    }

    private const string CountPages = """
        async () => {
            await document.fonts.ready;
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            return ['.wall-countries tbody', '.wall-timeline ol'].map(list => document.querySelector(list).__wallPages.length);
        }
        """;

    // Reads the list's rows page by page, each page with its number in one look (so a page turning in between cannot
    // mix two), until every page number has been seen: a slow test may miss a turn, never a row, since the pages cycle.
    private static async Task<(List<string> Names, int Pages, bool AllInside, double MostSpareRows)> EveryPageAsync(IPage wall, string panel, string rows)
    {
        var list = $"{panel} {rows}";
        await wall.WaitForFunctionAsync("list => document.querySelector(list)?.__wallPages !== undefined", list);
        var seen = new Dictionary<string, PageLook>();
        var pages = 1;
        var until = DateTime.UtcNow.AddSeconds(150);
        while (DateTime.UtcNow < until)
        {
            await wall.WaitForFunctionAsync("list => document.querySelector(list).checkVisibility()", list, new() { Timeout = 60_000 });
            var look = await wall.EvaluateAsync<PageLook>(LookAtPage, new object[] { panel, list });
            if (!look.Visible)
                continue;
            // Cut anew (the wall settling into showing figures and lists in turn): what was seen of the old pages is void.
            if (look.Pages != pages)
                seen.Clear();
            pages = look.Pages;
            seen[look.Page] = look;
            if (seen.Count >= pages)
                break;
            await wall.WaitForFunctionAsync("([panel, page]) => document.querySelector(panel).querySelector('[data-wall-page-indicator]').dataset.page !== page || !document.querySelector(panel).checkVisibility()",
                new object[] { panel, look.Page }, new() { Timeout = 30_000 });
        }
        var shown = seen.Values.SelectMany(look => look.Rows).ToArray();
        // How much of the next page's first row would have fitted under each page's last: 1 or more is a turn too early.
        var mostSpare = Enumerable.Range(1, pages - 1).Where(page => seen.ContainsKey($"{page}") && seen.ContainsKey($"{page + 1}"))
            .Select(page => seen[$"{page}"].Spare / seen[$"{page + 1}"].FirstRowHeight).DefaultIfEmpty(0).Max();
        return ([.. shown.Select(row => row.Name)], pages, shown.All(row => row.Inside), mostSpare);
    }

    // Looks once the page has settled (a re-cut for a changed neighbour is made in the next frame).
    private const string LookAtPage = """
        async ([panel, list]) => {
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            const note = document.querySelector(panel).querySelector('[data-wall-page-indicator]');
            if (!document.querySelector(list).checkVisibility()) return { visible: false, page: '0', pages: 1, rows: [], spare: 0, firstRowHeight: 1 };
            const shown = [...document.querySelector(list).children].filter(row => !row.hidden);
            const rows = shown.map(row => ({ name: row.dataset.tallyKey ?? row.querySelector('th, .wall-event-title').textContent.trim(), inside: row.getBoundingClientRect().bottom <= Math.min(window.innerHeight, document.querySelector(panel).getBoundingClientRect().bottom) + 0.5 }));
            // Room left under the page's last row (what sits below the list, with its margins, aside), and the height of
            // its first row: together they tell whether a page left room for the next page's first row.
            const box = document.querySelector(panel).getBoundingClientRect();
            const outer = e => { const style = getComputedStyle(e); return e.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom); };
            const below = [...document.querySelector(panel).querySelectorAll('[data-wall-below-list]')].filter(e => !e.hidden).reduce((sum, e) => sum + outer(e), 0);
            const spare = Math.min(box.bottom, window.innerHeight) - below - shown[shown.length - 1].getBoundingClientRect().bottom;
            return { visible: true, page: note.dataset.page ?? '1', pages: parseInt(note.dataset.pages ?? '1'), rows, spare, firstRowHeight: shown[0].getBoundingClientRect().height };
        }
        """;

    private sealed class PageLook
    {
        public bool Visible { get; set; }
        public string Page { get; set; } = "1";
        public int Pages { get; set; }
        public ShownRow[] Rows { get; set; } = [];
        public double Spare { get; set; }
        public double FirstRowHeight { get; set; }
    }

    // Twenty organisations' figures: far more than the wall's leading cards and one line of the others.
    private static readonly string[] Organisations = Enumerable.Range(1, 20).Select(i => $"Company {i:00}").ToArray();

    private sealed class ShownRow
    {
        public string Name { get; set; } = "";
        public bool Inside { get; set; }
    }

    // The seeded In Amenas incident (tall cards: claims dated in words, old claims, ranges against totals) copied under a
    // new name, plus 40 nationalities of figures, 30 events and twenty organisations' figures.
    private async Task<(Incident Incident, string[] Nationalities, string[] Events, string[] Cards)> BigIncidentAsync()
    {
        var seed = IncidentSeeder.Load("in-amenas.json", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var slug = $"walls-{Guid.NewGuid():N}"[..20];
        await browser.App.Services.GetRequiredService<IncidentSeeder>().SeedAsync(seed with
        {
            // Its own name too: the browser tests share one app, whose home page lists the seeded incident by its name.
            Incident = seed.Incident with { Slug = slug, Name = $"In Amenas copy {slug}" },
            Reports = [.. seed.Reports.Select(report => report! with { Id = $"{report.Id}-{slug}" })],
        });
        var incident = (await browser.App.Situation.FindIncidentAsync(slug))!;
        var codes = Countries.All.Where(c => c != incident.HostCountry).Order(StringComparer.Ordinal).Take(40).ToArray();
        var at = DateTimeOffset.Parse("2013-01-18T06:00:00+01:00");
        var reports = codes.Select((code, i) => Reports.Figures(at.AddMinutes(i).ToString("O"), Reports.Ministry, Reports.HostagesKilled(i + 1, scope: code)) with
        {
            Event = i < 30 ? new TimelineEvent(at.AddMinutes(i), $"Event number {i + 1} at the site", null, [code]) : null,
        }).ToArray();
        var staff = Organisations.Select((organisation, i) => Reports.Figures(at.AddMinutes(50 + i).ToString("O"), Reports.Ministry,
            new Figure(FigureGroup.Hostages, FigureStatus.Killed, Scopes.All, organisation, i + 1, Qualifier.Exact)));
        await browser.App.Situation.SubmitAsync(incident, [.. reports, .. staff]);

        var situation = (await browser.App.Situation.GetSituationAsync(slug))!;
        var events = situation.Timeline.Select(e => NamesWithheld.From(e.Title, situation.NamedPeople)).ToArray();
        var arrangement = TallyArrangement.Of(situation.Tallies, CountryFilter.None, incident.HostCountry, situation.HasEnded);
        var cards = arrangement.Overall.Concat(arrangement.Organisations).Select(SituationText.TallyKey).ToArray();
        return (incident, CountryFilter.None.Breakdowns(situation).Select(row => row.Name).ToArray(), events, cards);
    }
}
