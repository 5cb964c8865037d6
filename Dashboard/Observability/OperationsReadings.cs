using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Dashboard.Observability;

/// <summary>What the Operations panel shows, read at one moment.</summary>
public sealed record OperationsSnapshot(
    IReadOnlyList<int> ReportsPerMinute,
    TimeSpan? CommitP95,
    TimeSpan? ScreensToldP95,
    IReadOnlyList<(string Incident, long Pages, long Walls)> Screens,
    IReadOnlyList<(DateTimeOffset At, int Status, string What)> RecentFailures,
    IReadOnlyList<(string Incident, DateTimeOffset Since)> WallsOffline);

/// <summary>
/// The Operations panel's readings, taken from the same instruments the exporters read — this app's own
/// <c>dashboard.*</c> meter and ASP.NET Core's request meter — through a <see cref="MeterListener"/>, plus which walls
/// have lost their connection (<see cref="WallConnections"/>). Nothing here is counted twice by the app.
/// </summary>
public sealed class OperationsReadings : IDisposable
{
    public const int Minutes = 60;
    private const int Samples = 512;
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock;
    private readonly WallConnections _walls;
    private readonly MeterListener _listener = new();
    private readonly long[] _perMinute = new long[Minutes];
    private readonly long[] _minuteOf = new long[Minutes];
    private readonly Window _commits = new(), _screensTold = new();
    private readonly ConcurrentDictionary<(string Incident, string Kind), long> _screens = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, int Status, string What)> _failures = new();

    public OperationsReadings(DashboardMetrics metrics, IMeterFactory meters, TimeProvider clock, WallConnections walls)
    {
        (_clock, _walls) = (clock, walls);
        var own = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var ours = instrument.Meter == own
                || (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Meter.Scope == meters && instrument.Name == "http.server.request.duration");
            if (ours)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnLong(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => OnLong(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnDouble(instrument.Name, value, tags));
        _listener.Start();
    }

    public OperationsSnapshot Read()
    {
        var now = _clock.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var perMinute = new int[Minutes];
        lock (_perMinute)
            for (var i = 0; i < Minutes; i++)
            {
                var slot = (int)((minute - (Minutes - 1 - i)) % Minutes);
                perMinute[i] = _minuteOf[slot] == minute - (Minutes - 1 - i) ? (int)_perMinute[slot] : 0;
            }
        var screens = _screens.GroupBy(s => s.Key.Incident)
            .Select(g => (g.Key, g.Where(s => s.Key.Kind == "page").Sum(s => s.Value), g.Where(s => s.Key.Kind == "wall").Sum(s => s.Value)))
            .Where(s => s.Item2 + s.Item3 > 0).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        return new OperationsSnapshot(perMinute, _commits.P95(), _screensTold.P95(), screens,
            _failures.Reverse().Take(20).ToArray(), _walls.OfflineLongerThan(OfflineAfter, now));
    }

    private void OnLong(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case "dashboard.reports.committed":
                var minute = _clock.GetUtcNow().ToUnixTimeSeconds() / 60;
                lock (_perMinute)
                {
                    var slot = (int)(minute % Minutes);
                    if (_minuteOf[slot] != minute) (_minuteOf[slot], _perMinute[slot]) = (minute, 0);
                    _perMinute[slot] += value;
                }
                break;
            case "dashboard.screens.live":
                var key = (Tag(tags, "incident"), Tag(tags, "kind"));
                _screens.AddOrUpdate(key, value, (_, count) => count + value);
                break;
            case "dashboard.database.unavailable":
                Fail(503, "database " + Tag(tags, "reason").ToLowerInvariant());
                break;
        }
    }

    private void OnDouble(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case "dashboard.journal.commit.duration": _commits.Add(value); break;
            case "dashboard.screens.notification.delay": _screensTold.Add(value); break;
            case "http.server.request.duration":
                if (Number(tags, "http.response.status_code") is >= 500 and var status and not 503)
                    Fail(status, $"{Tag(tags, "http.request.method")} {Tag(tags, "http.route")}");
                break;
        }
    }

    private void Fail(int status, string what)
    {
        _failures.Enqueue((_clock.GetUtcNow(), status, what));
        while (_failures.Count > 100 && _failures.TryDequeue(out _)) { }
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
            if (tag.Key == name) return tag.Value?.ToString() ?? "";
        return "";
    }

    private static int Number(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
            if (tag.Key == name && tag.Value is int number) return number;
        return 0;
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The latest durations (seconds), enough for a p95 an operator can trust at a glance.</summary>
    private sealed class Window
    {
        private readonly double[] _values = new double[Samples];
        private int _count;

        public void Add(double value)
        {
            lock (_values) _values[_count++ % Samples] = value;
        }

        public TimeSpan? P95()
        {
            double[] copy;
            lock (_values) copy = _values.Take(Math.Min(_count, Samples)).ToArray();
            if (copy.Length == 0) return null;
            Array.Sort(copy);
            return TimeSpan.FromSeconds(copy[(int)Math.Ceiling(copy.Length * 0.95) - 1]);
        }
    }
}

/// <summary>The walls' circuits whose connection is down, and since when: a wall the room believes live may not be.</summary>
public sealed class WallConnections
{
    private readonly ConcurrentDictionary<string, (string Incident, DateTimeOffset Since)> _down = new();

    public void Down(string circuit, string incident, DateTimeOffset at) => _down[circuit] = (incident, at);

    public void Up(string circuit) => _down.TryRemove(circuit, out _);

    public IReadOnlyList<(string Incident, DateTimeOffset Since)> OfflineLongerThan(TimeSpan age, DateTimeOffset now) =>
        _down.Values.Where(d => now - d.Since > age).OrderBy(d => d.Since).ToArray();
}
