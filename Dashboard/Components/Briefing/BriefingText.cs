using Dashboard.Components.Situation;
using Dashboard.Localization;
using Dashboard.Situation;

namespace Dashboard.Components.Briefing;

/// <summary>How the changes between two moments read, the same on the page, the printed report and the PDF.</summary>
public static class BriefingText
{
    /// <summary>"Changes from Friday 18 January 2013, 23:00 to Sunday 20 January 2013, 00:00".</summary>
    public static string Title(ChangesSince changes, Incident incident) =>
        Say.Format("Brief.Title", Moment(changes.Since, incident), Moment(changes.AsOf, incident));

    /// <summary>One part of the changes: its heading, its name in the markup, and its lines (a part with none is left out).</summary>
    public sealed record Part(string Title, string Name, IReadOnlyList<string> Lines);

    /// <summary>The changes in the order read, the same on the page, the printed report and the PDF.</summary>
    public static IReadOnlyList<Part> Parts(ChangesSince changes, Incident incident) => new Part[]
    {
        new(Say.Text("Brief.Headlines"), "headlines", [.. changes.Headlines.Select(h => Shift(h, incident))]),
        new(Say.Text("Brief.Nationalities"), "nationalities", changes.NewNationalities.Count == 0 ? [] : [Nationalities(changes.NewNationalities)]),
        new(Say.Text("Brief.Claims"), "claims", [.. changes.NewClaims.Select(c => Claim(c, incident))]),
        new(Say.Text("Brief.Retractions"), "retractions", [.. changes.Retractions.Select(r => Retraction(r, incident))]),
        new(Say.Text("Brief.Events"), "events", [.. changes.Events.Select(e => Event(e, incident))]),
    }.Where(part => part.Lines.Count > 0).ToArray();

    public static string NothingChanged => Say.Text("Brief.NothingChanged");

    public static string Moment(DateTimeOffset instant, Incident incident) =>
        Say.Format("Brief.Moment", SituationText.LocalDay(instant, incident), SituationText.LocalClock(instant, incident));

    /// <summary>"Hostages killed — in all: 12 (provisional, Media reports, Fri 18 Jan, 18:00) → 23 (Algerian interior ministry, Sat 19 Jan, 20:00)".</summary>
    public static string Shift(HeadlineShift shift, Incident incident) =>
        MoveWords.Side.Of(shift.Before) is { IsClaim: true } claim && MoveWords.Side.Of(shift.After) is { IsClaim: false }
            ? Say.Format(claim.ByPerpetrators ? "Brief.FirstConfirmed" : "Brief.FirstConfirmedAfterSource", What(shift.Key, incident), FigureOrNone(shift.After, incident), FigureOrNone(shift.Before, incident))
            : Say.Format("Brief.Shift", What(shift.Key, incident), FigureOrNone(shift.Before, incident), FigureOrNone(shift.After, incident, shift.Before is not null));

    /// <summary>"Hostages killed — foreign nationals: 35 claimed (The kidnappers, Fri 18 Jan, 18:30)", and whether it is the headline.</summary>
    public static string Claim(NewClaim claim, Incident incident) =>
        Say.Format("Brief.Claim", What(claim.Key, incident), claim.Count, claim.Source.Name, SituationText.LocalTime(claim.ReportedAt, incident))
        + Say.Text(claim.IsHeadline ? "Brief.ClaimOnly" : "Brief.ClaimBeside");

    /// <summary>"Algerian interior ministry's report of Sat 19 Jan, 20:00, retracted Sun 20 Jan, 09:00: Counted the militants too
    /// (withdrawn: Hostages killed — in all 23)", or, for one figure, "… report of …: one figure withdrawn Sun 20 Jan, 09:00 …".</summary>
    public static string Retraction(Withdrawal withdrawal, Incident incident)
    {
        var (report, retraction) = (withdrawal.Report, withdrawal.Retraction);
        var figures = string.Join("; ", withdrawal.Figures.Select(f => $"{What(f.Key, incident)} {Terms.CountWords(f.Count, f.Qualifier)}"));
        var went = figures.Length == 0 ? "" : " " + Say.Format("Brief.Withdrawn", figures);
        return Say.Format(withdrawal.WholeReport ? "Brief.ReportRetracted" : "Brief.FigureWithdrawn", report.Source.Name,
            SituationText.LocalTime(report.ReportedAt, incident), SituationText.LocalTime(retraction.At, incident), retraction.Reason) + went;
    }

    public static string Event(TimelineEntry entry, Incident incident) =>
        Say.Format("Brief.Event", SituationText.LocalTime(entry.At, incident), entry.Title, entry.Source.Name);

    public static string Nationalities(IEnumerable<string> codes) => Countries.ListOf(codes);

    /// <summary>"Hostages killed — in all", "Hostages freed — BP staff".</summary>
    public static string What(FigureKey key, Incident incident) =>
        Say.Format("Brief.What", Terms.Heading(key.Group, key.Status),
            key.Organisation is { } organisation ? Say.Format("Subject.Staff", organisation) : Terms.ScopeWords(key.Scope, incident.HostCountry));

    private static string FigureOrNone(Tally? tally, Incident incident, bool retracted = false) => tally switch
    {
        null => Say.Text(retracted ? "Brief.NoneRetracted" : "Brief.None"),
        // A bound or an estimate is said before the number ("at least 4"), any other qualifier after it ("12 (provisional, …)").
        _ when Terms.Of(tally.Qualifier).Widens => Say.Format("Brief.FigureSaid", Terms.CountWords(tally.Count, tally.Qualifier),
            Say.Format("Brief.FigureAt", tally.Source.Name, SituationText.LocalTime(tally.ReportedAt, incident))),
        _ => Say.Format("Brief.FigureSaid", tally.Count, string.Join(Say.Text("List.Separator"),
            new[] { Terms.Of(tally.Qualifier).Words, tally.Source.Name, SituationText.LocalTime(tally.ReportedAt, incident) }.Where(p => p.Length > 0))),
    };
}
