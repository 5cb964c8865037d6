using System.Diagnostics;
using System.Net;
using System.Text;

namespace Dashboard.Bench;

/// <summary>
/// A big incident read and written over HTTP at once, as an integrator's clients would: 8 reader clients asking for
/// past moments (narrowed to GB, or unfiltered) while 1 writer posts GB figures with a 30 ms pause between writes,
/// each phase 10 s, on one published app. The incident is imported as CSV: 600 keys over four days, each said by 40
/// sources whose counts drift apart, so a key has hundreds of alternatives (the worst an integrator will meet). The
/// first phase starts with a fresh process, so its reads wait for the cold load and its writes show whether the load
/// holds them back.
/// </summary>
public static class MixedBenchmark
{
    private const string Slug = "imported";
    private const string Tallies = $"/api/incidents/{Slug}/tallies";
    // The import refuses more than 50 MB: a million rows go in several.
    private const int RowsPerImport = 250_000;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WriterPause = TimeSpan.FromMilliseconds(30);
    // The app runs with Live:IdlePictureMinutes=1 and looks each second: a picture unread this long has been let go (the
    // phase after it says how many loads it saw, so a picture still held would show).
    private static readonly TimeSpan LetGo = TimeSpan.FromSeconds(63);

    public static async Task RunAsync(Results results, int figures)
    {
        var path = TempDatabase.NewPath($"mixed-{figures}");
        try
        {
            await ImportAsync(path, figures);
            var size = $"{figures:N0} figures";
            // A picture nobody reads for a minute is let go, for the last phase: a load in a warm process.
            await using var app = await AppProcess.StartAsync(path, ("Live__IdlePictureMinutes", "1"));

            // The load starts with the first read: the readers and the writer begin together.
            await PhaseAsync(results, app, size, "cold start: 8 readers GB + writer (first reads wait for the load)", 8, Filtered, writer: true, loading: true);
            await PhaseAsync(results, app, size, "writer alone", 0, Filtered, writer: true);
            using (var client = app.CreateClient())
            {
                var end = Uri.EscapeDataString((Start + Span).ToString("O"));
                var document = await client.GetByteArrayAsync($"{Tallies}?asOf={end}");
                var alternatives = System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("tallies").EnumerateArray().Sum(t => t.GetProperty("alternatives").GetArrayLength());
                results.Note($"{size}: the unfiltered as-of answer at the incident's last moment is {document.Length / 1024} KB, {alternatives:N0} alternatives");
            }
            await PhaseAsync(results, app, size, "8 readers GB, no writer", 8, Filtered, writer: false);
            await PhaseAsync(results, app, size, "8 readers GB + writer", 8, Filtered, writer: true);
            await PhaseAsync(results, app, size, "1 reader GB, no writer", 1, Filtered, writer: false);
            await PhaseAsync(results, app, size, "1 reader unfiltered, no writer", 1, Unfiltered(""), writer: false);
            await PhaseAsync(results, app, size, "8 readers unfiltered, no writer", 8, Unfiltered(""), writer: false);
            await PhaseAsync(results, app, size, "8 readers unfiltered + writer", 8, Unfiltered(""), writer: true);
            await PhaseAsync(results, app, size, "1 reader unfiltered, a random day, no writer", 1, Day, writer: false);
            await PhaseAsync(results, app, size, "8 readers unfiltered, a random day, + writer", 8, Day, writer: true);
            await PhaseAsync(results, app, size, "8 readers unfiltered, alternatives=count, + writer", 8, Unfiltered("&alternatives=count"), writer: true);
            await PhaseAsync(results, app, size, "8 readers unfiltered, alternatives=none, + writer", 8, Unfiltered("&alternatives=none"), writer: true);
            // The first phase's writes share the cores with a cold process's first-time work (JIT, EF's models) as well
            // as with the load; here the process is warm and only the load runs beside them.
            await Task.Delay(LetGo);
            var (loads, paused) = (await MetricAsync(app, "dashboard_pictures_loaded", $"incident=\"{Slug}\""), await MetricAsync(app, "dotnet_gc_pause_time_seconds"));
            const string again = "warm process, picture let go: 8 readers GB + writer (first reads wait for the load)";
            await PhaseAsync(results, app, size, again, 8, Filtered, writer: true, loading: true);
            results.Add("mixed", $"{size}: {again}", "loads of the picture in the phase", await MetricAsync(app, "dashboard_pictures_loaded", $"incident=\"{Slug}\"") - loads, unit: "");
            // The runtime's own count: how long every thread stood still for the collector during the phase.
            results.Add("mixed", $"{size}: {again}", "time paused for garbage collection in the phase", 1000 * (await MetricAsync(app, "dotnet_gc_pause_time_seconds") - paused));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    private static async Task ImportAsync(string path, int figures)
    {
        var watch = Stopwatch.StartNew();
        await using var app = await AppProcess.StartAsync(path);
        using var http = app.CreateClient(withKey: true);
        await ImportBenchmark.CreateImportTargetAsync(http);
        for (var first = 0; first < figures; first += RowsPerImport)
        {
            var csv = Csv(figures, first, Math.Min(RowsPerImport, figures - first));
            using var response = await http.PostAsync($"/api/incidents/{Slug}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Import refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Console.WriteLine($"  {figures:N0} figures imported as CSV in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2013-01-16T06:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Span = TimeSpan.FromDays(4);
    private static readonly string[] Groups = ["hostages", "militants", "security"];
    private static readonly string[] Statuses = ["killed", "freed", "missing", "injured", "held"];
    private static readonly string[] Scopes = ["all", "foreign", "local", "GB", "JP", "US", "NO", "FR", "PH", "MY", "RO", "CO", "DE", "IE", "AT",
        "KR", "TH", "IN", "CN", "TR", "EG", "TN", "MA", "LY", "ML", "NG", "ZA", "CA", "AU", "NZ", "IT", "ES", "PT", "NL", "SE", "DK", "FI", "PL", "CZ", "HU"];

    // Rows figures..figures+rows of an incident of total figures, five per report: report r is source r % 40's, about
    // five keys in turn, its counts rising over the four days with each source a little off the others.
    private static string Csv(int total, int firstRow, int rows)
    {
        var text = new StringBuilder("reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier\n");
        var keys = Groups.Length * Statuses.Length * Scopes.Length;
        for (var row = firstRow; row < firstRow + rows; row++)
        {
            var report = row / 5;
            var progress = (double)report * 5 / total;
            var at = (Start + Span * progress).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
            var key = (report * 5 + row % 5) * 7 % keys;
            var (group, status, scope) = (Groups[key % 3], Statuses[key / 3 % 5], Scopes[key / 15]);
            var count = key % 50 + (int)(progress * 15) * 2 + (report * 31 + row) % 11;
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"mixed-{report},{at},Source {report % 40},media,Report {report}.,{group},{status},{scope},,{count},exact\n");
        }
        return text.ToString();
    }

    // A random minute of the incident: as-of answers are asked for moments all through it.
    private static string Moment(Random random) =>
        Uri.EscapeDataString((Start + TimeSpan.FromMinutes(random.Next(1, (int)Span.TotalMinutes))).ToString("O"));

    // The start of one of the incident's days, as a client asking "as of each day" does: few moments, asked again and again.
    private static string Day(Random random) =>
        $"{Tallies}?asOf={Uri.EscapeDataString((Start.Date + TimeSpan.FromDays(random.Next(1, (int)Span.TotalDays + 1))).ToString("yyyy-MM-ddTHH:mm:ssZ"))}";

    private static string Filtered(Random random) => $"{Tallies}?country=GB&asOf={Moment(random)}";

    private static Func<Random, string> Unfiltered(string options) => random => $"{Tallies}?asOf={Moment(random)}{options}";

    // A request: when it was sent (ms into the phase) and how long its answer took.
    private readonly record struct Timed(double SentAt, double Took);

    private static async Task PhaseAsync(Results results, AppProcess app, string size, string phase, int readers, Func<Random, string> ask, bool writer,
        bool loading = false)
    {
        using var stop = new CancellationTokenSource(Phase);
        var clock = Stopwatch.StartNew();
        var readTasks = Enumerable.Range(0, readers).Select(r => ReadAsync(app, ask, new Random(r * 31 + phase.Length), clock, stop.Token)).ToArray();
        var writeTask = writer ? WriteAsync(app, clock, stop.Token) : Task.FromResult(new List<Timed>());
        var reads = (await Task.WhenAll(readTasks)).SelectMany(r => r).ToList();
        var writes = await writeTask;
        var label = $"{size}: {phase}";
        if (readers > 0)
        {
            results.Add("mixed", label, "reads answered in 10 s", reads.Count, unit: "");
            results.AddSamples("mixed", label, "read latency", reads.Select(r => r.Took).ToList());
        }
        if (writer)
        {
            results.Add("mixed", label, "writes acknowledged in 10 s", writes.Count, unit: "");
            results.AddSamples("mixed", label, "write latency", writes.Select(w => w.Took).ToList());
        }
        if (loading)
        {
            // The load ends when the first read is answered: the writes sent before then are the ones it could hold back.
            var loaded = reads.Min(r => r.SentAt + r.Took);
            results.Add("mixed", label, "the load (until the first read is answered)", loaded);
            results.AddSamples("mixed", label, "write latency, writes sent during the load", writes.Where(w => w.SentAt < loaded).Select(w => w.Took).ToList());
        }
    }

    // The sum of a metric's series in /metrics, those whose labels hold `having` when given.
    private static async Task<double> MetricAsync(AppProcess app, string name, string? having = null)
    {
        using var client = app.CreateClient(withKey: true);
        return (await client.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (having is null || line.Contains(having, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<List<Timed>> ReadAsync(AppProcess app, Func<Random, string> ask, Random random, Stopwatch clock, CancellationToken stop)
    {
        using var client = app.CreateClient(gzip: false);
        var latencies = new List<Timed>();
        while (!stop.IsCancellationRequested)
        {
            var sentAt = clock.Elapsed.TotalMilliseconds;
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(ask(random), HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"A read was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            // A reply that ends after the phase is still counted: it was asked within it.
            latencies.Add(new Timed(sentAt, watch.Elapsed.TotalMilliseconds));
        }
        return latencies;
    }

    private static int s_written;

    // GB figures dated as they are sent, as a live incident's reports are.
    private static async Task<List<Timed>> WriteAsync(AppProcess app, Stopwatch clock, CancellationToken stop)
    {
        using var client = app.CreateClient(withKey: true);
        var latencies = new List<Timed>();
        while (!stop.IsCancellationRequested)
        {
            var i = Interlocked.Increment(ref s_written);
            var body = $$"""
                {"id":"writer-{{i}}","reportedAt":"{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}}","source":{"name":"Bench writer","kind":"media"},
                 "statement":"Bench report.","figures":[{"group":"hostages","status":"killed","scope":"GB","count":{{i % 50}},"qualifier":"exact"},
                 {"group":"hostages","status":"freed","scope":"GB","count":{{i % 70}},"qualifier":"exact"}]}
                """;
            var sentAt = clock.Elapsed.TotalMilliseconds;
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync($"/api/incidents/{Slug}/reports", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"A write was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            latencies.Add(new Timed(sentAt, watch.Elapsed.TotalMilliseconds));
            try { await Task.Delay(WriterPause, stop); } catch (OperationCanceledException) { }
        }
        return latencies;
    }
}
