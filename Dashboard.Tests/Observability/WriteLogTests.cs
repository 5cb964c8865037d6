using System.Collections.Concurrent;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Observability;

/// <summary>Each write leaves one structured line saying what happened, by whom — and nothing a source said.</summary>
public class WriteLogTests
{
    private sealed class Lines : ILoggerProvider
    {
        public ConcurrentQueue<(string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields)> Written { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(Lines lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Id is 100 or 101)
                    lines.Written.Enqueue((formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
            }
        }
    }

    [Fact]
    public async Task A_stored_and_a_refused_write_each_log_incident_report_kind_writer_and_outcome_but_no_statement()
    {
        var lines = new Lines();
        using var app = new DashboardFactory { ExtraServices = services => services.AddSingleton<ILoggerProvider>(lines) };
        var slug = (await app.CreateIncidentAsync()).Slug;
        var good = ApiClient.ValidReport("logged-report");
        good["statement"] = "Ingrid Solheim is among the dead.";
        var bad = ApiClient.ValidReport("refused-report");
        bad["statement"] = "Ingrid Solheim again.";
        bad["figures"]![0]!["count"] = -1;

        await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", good);
        await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", bad);

        var stored = Assert.Single(lines.Written, l => l.Message.Contains("logged-report"));
        Assert.Contains(stored.Fields, f => f.Key == "Incident" && (string?)f.Value == slug);
        Assert.Contains(stored.Fields, f => f.Key == "SourceKind" && (string?)f.Value == "media");
        Assert.Contains(stored.Fields, f => f.Key == "Outcome" && (string?)f.Value == "stored");
        Assert.Contains(stored.Fields, f => f.Key == "Writer" && ((string?)f.Value)!.Contains("Ingest API key"));
        var refused = Assert.Single(lines.Written, l => l.Message.Contains("refused-report"));
        Assert.Contains("invalid figures[0].count", refused.Message);
        Assert.DoesNotContain(lines.Written, l => l.Message.Contains("Solheim"));
    }
}
