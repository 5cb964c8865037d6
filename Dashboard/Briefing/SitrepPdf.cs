using Dashboard.Components.Briefing;
using Dashboard.Components.Situation;
using Dashboard.Localization;
using Dashboard.Situation;

namespace Dashboard.Briefing;

/// <summary>The situation report as a PDF: what the printed page says, in the same words and order.</summary>
public static class SitrepPdf
{
    public static string CutNote => Say.Text("Pdf.CutNote");

    /// <param name="maxPages">The most pages it may run to (RateLimits:PdfMaxPages): its cost is bounded, whatever the incident's size.</param>
    /// <param name="charts">The key figures' histories (<see cref="SituationService.GetChartedHistoriesAsync"/>), drawn two to a row.</param>
    /// <param name="sources">Every source of the incident with its grade, listed at the end.</param>
    /// <param name="issue">For an issued report: its number, author, key points and marking; null for the live one.</param>
    public static byte[] Write(SituationSnapshot situation, CountryFilter filter, ChangesSince? changes, bool live, DateTimeOffset generated,
        IReadOnlyList<HeadlineHistory> charts, IReadOnlyList<GradedSource> sources, SitrepIssue? issue = null, int maxPages = int.MaxValue)
    {
        using var sheet = new PdfSheet(
            issue is null ? Say.Format("Pdf.Title", situation.Incident.Name) : Say.Format("Pdf.TitleIssued", issue.Number, situation.Incident.Name),
            issue is null ? Say.Format("Pdf.Subject", situation.Incident.Name, BriefingText.Moment(situation.AsOf, situation.Incident))
                : Say.Format("Pdf.SubjectIssued", situation.Incident.Name, issue.Number, BriefingText.Moment(situation.AsOf, situation.Incident)),
            maxPages, CutNote) { Marking = issue?.Marking, RightToLeft = Languages.IsRightToLeft };
        try
        {
            WriteAll(sheet, situation, filter, changes, live, generated, charts, sources, issue);
        }
        catch (SheetFullException)
        {
            // What fitted stands; the last page says what did not.
        }
        return sheet.Finish();
    }

    private static void WriteAll(PdfSheet sheet, SituationSnapshot situation, CountryFilter filter, ChangesSince? changes, bool live, DateTimeOffset generated,
        IReadOnlyList<HeadlineHistory> charts, IReadOnlyList<GradedSource> sources, SitrepIssue? issue)
    {
        var incident = situation.Incident;

        sheet.Line(SitrepText.Kind + (issue is null ? "" : $" {issue.Number}"), strong: true, after: 0);
        sheet.Title(incident.Name);
        sheet.Line(SitrepText.AsOf(situation, live), strong: true);
        if (issue is not null)
            sheet.Line(SitrepText.IssuedBy(issue, incident), strong: true);
        sheet.Line(SitrepText.Particulars(situation, filter, generated));

        if (issue is not null)
        {
            sheet.Section(SitrepText.KeyPointsTitle);
            sheet.Line(issue.Summary);
        }

        if (changes is not null)
        {
            WriteChanges(sheet, changes, incident);
            if (SitrepText.GradedSince(sources, changes) is { Count: > 0 } graded)
            {
                sheet.SubSection(SitrepText.GradedSinceTitle);
                foreach (var source in graded)
                    sheet.Item(SitrepText.SourceLine(source));
            }
        }

        sheet.Section(Say.Text("Doc.HeadlineFigures"));
        var arrangement = new TallyArrangement(situation.Tallies, filter, incident.HostCountry, situation.HasEnded);
        var tallies = SitrepText.Rows(arrangement, filter).ToArray();
        if (tallies.Length == 0)
            sheet.Line(Say.Text("Doc.NoFigures"));
        else
            sheet.Table([Say.Text("Doc.Figure"), Say.Text("Doc.Count"), Say.Text("Doc.SourceAndTime"), Say.Text("Doc.Disagree")], [2.2, 1.3, 2.4, 3.1],
                tallies.Select(t => (IReadOnlyList<string>)[SitrepText.Figure(t, incident), SitrepText.Count(t, arrangement),
                    SitrepText.Standing(t, situation) + SitrepText.Source(t, incident), SitrepText.Disagreements(t, incident)]));

        var claims = SitrepText.Claims(arrangement, filter).ToArray();
        if (claims.Length > 0)
        {
            sheet.Section(SitrepText.ClaimsTitle);
            sheet.Table([Say.Text("Doc.Figure"), Say.Text("Doc.Claimed"), Say.Text("Doc.WhoClaims")], [2.2, 1.3, 5.5],
                claims.Select(t => (IReadOnlyList<string>)[SitrepText.Figure(t, incident), SitrepText.Count(t, arrangement),
                    SitrepText.Standing(t, situation) + SitrepText.Source(t, incident)]));
        }

        if (charts.Count > 0)
            WriteCharts(sheet, charts, situation);

        sheet.Section(Say.Text("Doc.ByNationality"));
        var rows = filter.Breakdowns(situation);
        if (rows.Count == 0)
            sheet.Line(Say.Text("Doc.NoNationalities"));
        else
            sheet.Table([.. SitrepText.CountryColumns.Select(s => Terms.Of(s).ColumnTitle).Prepend(Say.Text("Doc.Nationality"))],
                [.. SitrepText.CountryColumns.Select(_ => 1.0).Prepend(1.8)],
                Countries.InReadingOrder(rows, r => r.Country).Select(r => (IReadOnlyList<string>)[.. SitrepText.CountryColumns.Select(s => SitrepText.CountryCell(r, s)).Prepend(Countries.NameOf(r.Country))]));
        WriteMap(sheet, rows, situation, filter);

        sheet.Section(Say.Text("Doc.Timeline"));
        var events = filter.Timeline(situation.Timeline);
        if (events.Count == 0)
            sheet.Line(Say.Text("Doc.NoEvents"));
        foreach (var entry in events)
            sheet.Item(BriefingText.Event(entry, incident));

        if (sources.Count > 0)
        {
            sheet.Section(SitrepText.SourcesTitle);
            foreach (var source in sources)
                sheet.Item(SitrepText.SourceLine(source));
        }
    }

    private static void WriteCharts(PdfSheet sheet, IReadOnlyList<HeadlineHistory> charts, SituationSnapshot situation)
    {
        sheet.Section(SitrepText.OverTimeTitle);
        sheet.Line(SitrepText.ChartKey);
        var moment = situation.IsLive ? (DateTimeOffset?)null : situation.AsOf;
        var half = (PdfSheet.PictureWidth - 12) / 2;
        const double titleRoom = 12;
        foreach (var pair in charts.Chunk(2))
            sheet.Picture(titleRoom + half * HeadlineChartLayout.Height / HeadlineChartLayout.Width, (g, box, font) =>
            {
                for (var i = 0; i < pair.Length; i++)
                {
                    var x = box.X + i * (half + 12);
                    sheet.Words(g, Terms.OverTime(pair[i].Key.ToFigureKey(situation.Incident.HostCountry), situation.Incident.HostCountry),
                        x, box.Y, half);
                    PdfPictures.Chart(g, new(x, box.Y + titleRoom, half, box.Height - titleRoom), new HeadlineChartLayout(pair[i], situation.Incident, moment, axisEnd: HeadlineChartLayout.AxisEndFor(situation)), font, sheet.SmallCjk);
                }
            });
    }

    private static void WriteMap(PdfSheet sheet, IReadOnlyList<CountryBreakdown> rows, SituationSnapshot situation, CountryFilter filter)
    {
        var marks = Maps.CountryShading.Marks(rows, situation.HasEnded, Maps.WorldAtlas.World);
        var places = Components.Maps.MapLayout.Places(filter.Timeline(situation.Timeline), situation.Incident);
        sheet.Picture(PdfPictures.MapHeight(PdfSheet.PictureWidth), (g, box, _) =>
            PdfPictures.Map(g, box, marks, Components.Maps.MapLayout.SiteOf(situation.Incident), [.. places.Select(p => p.At)]));
        sheet.Line(SitrepText.MapKey(situation));
        foreach (var place in places)
            sheet.Item(place.Title);
    }

    private static void WriteChanges(PdfSheet sheet, ChangesSince changes, Incident incident)
    {
        sheet.Section(BriefingText.Title(changes, incident));
        if (changes.IsEmpty)
            sheet.Line(BriefingText.NothingChanged);
        foreach (var part in BriefingText.Parts(changes, incident))
        {
            sheet.SubSection(part.Title);
            foreach (var line in part.Lines)
                sheet.Item(line);
        }
    }
}
