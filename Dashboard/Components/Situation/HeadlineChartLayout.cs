using Dashboard.Localization;
using System.Globalization;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Situation;

/// <summary>
/// Where a key's headline history goes on its step chart: time across (the incident's days), counts up. Withdrawals
/// made after the last report (often days later) are drawn at the right edge, so they do not squeeze the incident.
/// </summary>
public sealed class HeadlineChartLayout
{
    public const double Width = 720, Height = 260, Left = 44, Right = 20, Top = 18, Bottom = 34;

    private static readonly TimeSpan MomentReach = TimeSpan.FromDays(14);

    public sealed record Point(double X, double Y);

    /// <summary>One step of the line: where it starts and ends across, its height, its label and what its title says.</summary>
    public sealed record Segment(double X1, double X2, double Y, string Label, string Title, bool Claimed);

    public sealed record Marker(double X, double Y, string Title);

    public sealed record Day(double X, string Label);

    private readonly DateTimeOffset _start, _end;
    private readonly double _top;

    /// <param name="sourceKindsOnly">For screens everyone sees (the wall): a source by its kind, never its name, since names can name people.</param>
    /// <param name="axisEnd">Where a set of charts shown together reaches (<see cref="AxisEndFor"/>): side by side, they share their days.</param>
    public HeadlineChartLayout(HeadlineHistory history, Incident incident, DateTimeOffset? moment, bool sourceKindsOnly = false, DateTimeOffset? axisEnd = null)
    {
        string Said(Source source) => sourceKindsOnly ? Terms.SourceKindWords(source.Kind) : source.Name;
        var reported = history.Steps.Where(s => !s.ByWithdrawal).Select(s => s.From)
            .Concat(history.Claims.Select(c => c.At)).Concat(history.Withdrawn.Select(w => w.At)).ToArray();
        _start = reported.Length == 0 ? incident.StartedAt : new[] { incident.StartedAt, reported.Min() }.Min();
        var last = new[] { reported.Length == 0 ? _start : reported.Max(), axisEnd ?? _start }.Max();
        // The moment shown is on the chart even days after the key's last figure; one long after the incident is not
        // (it would squeeze the incident to a sliver).
        if (moment is { } m && m > _start && m < last + MomentReach) last = new[] { last, m }.Max();
        _end = last + TimeSpan.FromTicks(Math.Max(TimeSpan.FromHours(2).Ticks, (last - _start).Ticks / 20));
        var counts = history.Steps.Select(s => s.High ?? s.Count ?? 0).Concat(history.Claims.Select(c => c.Count)).Concat(history.Withdrawn.Select(w => w.Count));
        _top = NiceTop(counts.DefaultIfEmpty(1).Max());

        Segments = [.. history.Steps.Select((step, i) => step.Count is not { } count ? null : new Segment(
            X(step.From), i + 1 < history.Steps.Count ? X(history.Steps[i + 1].From) : X(moment ?? _end), Y(count),
            Label(count, step.Qualifier), StepTitle(step, incident, Said), step.Qualifier == Qualifier.Claimed)).OfType<Segment>()];
        Claims = [.. history.Claims.Select(c => new Marker(X(c.At), Y(c.Count), Say.Format("Chart.ClaimTitle", c.Count, Said(c.Source), When(c.At, incident))))];
        Withdrawn = [.. history.Withdrawn.Select(w => new Marker(X(w.At), Y(w.Count),
            Say.Format("Chart.WithdrawnTitle", Label(w.Count, w.Qualifier), Said(w.Source), When(w.At, incident), When(w.WithdrawnAt ?? w.At, incident))))];
        Moment = moment is { } shown && shown >= _start && shown <= _end ? X(shown) : null;
        Days = [.. DaysBetween(incident)];
        Ticks = [.. Enumerable.Range(0, 6).Select(i => _top * i / 5).Select(v => (Y(v), v.ToString("0.#", CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// Where charts shown together end their time axis: the midnight (in the incident's clock) after its latest report.
    /// A day, not the report itself, so that a write redraws only the charts whose key moved, not all of them each time.
    /// </summary>
    public static DateTimeOffset AxisEndFor(SituationSnapshot situation)
    {
        var local = situation.Incident.InLocalTime(situation.Span.LatestReport);
        return new DateTimeOffset(local.Date, local.Offset).AddDays(1);
    }

    public IReadOnlyList<Segment> Segments { get; }
    public IReadOnlyList<Marker> Claims { get; }
    public IReadOnlyList<Marker> Withdrawn { get; }
    public double? Moment { get; }
    public IReadOnlyList<Day> Days { get; }
    public IReadOnlyList<(double Y, string Label)> Ticks { get; }

    /// <summary>The line's vertical parts, where one step meets the next: across, from height, to height.</summary>
    public IEnumerable<(double X, double From, double To)> Risers => Segments.Zip(Segments.Skip(1))
        .Where(pair => pair.First.X2 == pair.Second.X1)
        .Select(pair => (pair.Second.X1, pair.First.Y, pair.Second.Y));

    /// <summary>Where a step's label goes: after its start, or ending at the right edge when it would run past it.</summary>
    public static (double X, double Y, bool EndsAtEdge) LabelAt(Segment segment) =>
        segment.X1 + 4 + LabelWidth * segment.Label.Length <= Width ? (segment.X1 + 4, segment.Y - 6, false) : (Width - 2, segment.Y - 6, true);

    public double X(DateTimeOffset at)
    {
        var clamped = at < _start ? _start : at > _end ? _end : at;
        return Left + (Width - Left - Right) * (clamped - _start).Ticks / Math.Max(1, (_end - _start).Ticks);
    }

    public double Y(double count) => Height - Bottom - (Height - Top - Bottom) * count / _top;

    /// <summary>"≥40", "~40", "40?" (provisional), "40 claimed": the qualifier is never dropped from the line.</summary>
    public static string Label(int count, Qualifier? qualifier) => qualifier switch
    {
        Qualifier.AtLeast => $"≥{count}",
        Qualifier.Approximate => $"~{count}",
        Qualifier.Provisional => $"{count}?",
        Qualifier.Claimed => Say.Format("Chart.ClaimedLabel", count),
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    private static string StepTitle(HeadlineStep step, Incident incident, Func<Source, string> said) =>
        Say.Format("Chart.StepTitle", Terms.CountWords(step.Count!.Value, step.Qualifier ?? Qualifier.Exact) + Terms.RangeWords(step.Low, step.High), When(step.From, incident))
        + (step.Source is { } source ? Say.Format("Chart.StepSource", said(source), step.Reliability ?? Admiralty.UngradedWords) : "")
        + (step.ByWithdrawal ? Say.Text("Chart.StepAfterWithdrawal") : "");

    private static string When(DateTimeOffset at, Incident incident) =>
        Say.Date(incident.InLocalTime(at), "Format.DayTime");

    private IEnumerable<Day> DaysBetween(Incident incident)
    {
        var local = incident.InLocalTime(_start);
        var midnight = new DateTimeOffset(local.Date, local.Offset).AddDays(1);
        for (var day = 0; day < 60 && midnight < _end; day++, midnight = midnight.AddDays(1))
            if (X(midnight) < Width - Right - 60) // a day's name needs the room to its right
                yield return new Day(X(midnight), Say.Date(incident.InLocalTime(midnight), "Format.ShortDay"));
    }

    private static double NiceTop(int max)
    {
        // 5, 10, 20, 25, 50, 100…: fifths of it are whole numbers.
        var top = Math.Max(5, max * 1.1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(top)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(n => n >= top);
    }

    /// <summary>The chart as one piece of SVG markup (every text encoded): drawn once per history, no component per mark.</summary>
    public MarkupString ToSvg(string name)
    {
        var svg = new HtmlBuilder().Open("svg", "headline-chart-svg", ("viewBox", $"0 0 {Num(Width)} {Num(Height)}"), ("role", "img"), ("aria-label", name), ("focusable", "false"));
        foreach (var (y, label) in Ticks)
            svg.Void("line", "chart-grid", ("x1", Num(Left)), ("x2", Num(Width - Right)), ("y1", Num(y)), ("y2", Num(y)))
                .Open("text", "chart-axis", ("x", Num(Left - 6)), ("y", Num(y + 4)), ("text-anchor", "end")).Text(label).Close("text");
        foreach (var day in Days)
            svg.Void("line", "chart-day", ("x1", Num(day.X)), ("x2", Num(day.X)), ("y1", Num(Top)), ("y2", Num(Height - Bottom)))
                .Open("text", "chart-axis", ("x", Num(day.X + 3)), ("y", Num(Height - Bottom + 14))).Text(day.Label).Close("text");
        foreach (var (x, from, to) in Risers)
            svg.Void("line", "chart-line chart-riser", ("x1", Num(x)), ("x2", Num(x)), ("y1", Num(from)), ("y2", Num(to)));
        foreach (var segment in Segments)
            svg.Open("g", segment.Claimed ? "chart-step chart-step-claimed" : "chart-step", ("data-step", segment.Label))
                .Element("title", null, segment.Title)
                .Void("line", "chart-line", ("x1", Num(segment.X1)), ("x2", Num(segment.X2)), ("y1", Num(segment.Y)), ("y2", Num(segment.Y)))
                .Void("circle", "chart-step-start", ("cx", Num(segment.X1)), ("cy", Num(segment.Y)), ("r", "3"))
                .Open("text", "chart-label", LabelPlace(segment)).Text(segment.Label).Close("text")
                .Close("g");
        foreach (var claim in Claims)
            svg.Open("circle", "chart-claim", ("cx", Num(claim.X)), ("cy", Num(claim.Y)), ("r", "6")).Element("title", null, claim.Title).Close("circle");
        foreach (var withdrawn in Withdrawn)
            svg.Open("g", "chart-withdrawn").Element("title", null, withdrawn.Title)
                .Void("line", null, ("x1", Num(withdrawn.X - 5)), ("x2", Num(withdrawn.X + 5)), ("y1", Num(withdrawn.Y - 5)), ("y2", Num(withdrawn.Y + 5)))
                .Void("line", null, ("x1", Num(withdrawn.X - 5)), ("x2", Num(withdrawn.X + 5)), ("y1", Num(withdrawn.Y + 5)), ("y2", Num(withdrawn.Y - 5)))
                .Close("g");
        if (Moment is { } moment)
            svg.Open("line", "chart-moment", ("x1", Num(moment)), ("x2", Num(moment)), ("y1", Num(Top - 6)), ("y2", Num(Height - Bottom)))
                .Element("title", null, Say.Text("Chart.TheMomentShown")).Close("line");
        return svg.Close("svg").ToMarkup();
    }

    private static ReadOnlySpan<(string, string)> LabelPlace(Segment segment) => LabelAt(segment) is var (x, y, atEdge) && atEdge
        ? new[] { ("x", Num(x)), ("y", Num(y)), ("text-anchor", "end") }
        : new[] { ("x", Num(x)), ("y", Num(y)) };

    // Roughly one character of a label at the wall's size, the larger of the two.
    private const double LabelWidth = 11;

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
