using System.Globalization;

namespace Dashboard.Tests.Observability;

/// <summary>Reads a value out of the Prometheus text a scraper gets from /metrics.</summary>
public static class PrometheusText
{
    /// <summary>The value of the first series named <paramref name="name"/> whose line holds every one of <paramref name="labels"/>; null when there is none.</summary>
    public static double? Value(string metrics, string name, params string[] labels) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(line.Contains))
            .Select(line => (double?)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .FirstOrDefault();

    /// <summary>Scrapes the app (with its API key) and reads one value.</summary>
    public static async Task<double?> ScrapeAsync(Infrastructure.DashboardFactory app, string name, params string[] labels) =>
        Value(await app.CreateWriter().GetStringAsync("/metrics"), name, labels);
}
