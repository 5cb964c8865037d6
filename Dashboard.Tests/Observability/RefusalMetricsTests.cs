using System.Diagnostics;
using System.Collections.Concurrent;
using System.Net;
using Dashboard.Access;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Observability;

/// <summary>Refusals an operator must see at 03:00 — rate limits, failed sign-ins, a database that cannot write — and a write's trace.</summary>
public class RefusalMetricsTests
{
    [Fact]
    public async Task Rate_limit_refusals_and_failed_sign_ins_are_counted()
    {
        using var app = new DashboardFactory { Settings = { ["RateLimits:WritesPerSecond"] = "1", ["RateLimits:WindowSeconds"] = "60" } };
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            answers.Add((await writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport($"r{i}"))).StatusCode);
        var account = await app.CreateAccountAsync(Roles.Viewer);
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await browser.PostSignInFormAsync(account.Email, "not the password at all");

        Assert.Equal(2, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Equal(2, await PrometheusText.ScrapeAsync(app, "dashboard_rate_limit_refused_total", "limit=\"writes\""));
        Assert.Equal(1, await PrometheusText.ScrapeAsync(app, "dashboard_sign_ins_total", "outcome=\"failed\""));
    }

    [SqliteFact]
    public async Task A_write_the_database_cannot_take_is_counted_by_reason()
    {
        using var app = new DashboardFactory { Settings = { ["Database:BusyTimeoutSeconds"] = "1" } };
        var slug = (await app.CreateIncidentAsync()).Slug;
        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE;";
            await hold.ExecuteNonQueryAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("busy"))).StatusCode);
            hold.CommandText = "ROLLBACK;";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await PrometheusText.ScrapeAsync(app, "dashboard_database_unavailable_total", "reason=\"Busy\""));
    }

    [Fact]
    public async Task An_api_write_is_one_trace_from_the_request_through_the_commit_to_the_screens()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        await app.Situation.GetSituationAsync(incident.Slug); // a live picture, so screens are told of the write
        var trace = ActivityTraceId.CreateRandom();
        var finished = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            // As an OTLP exporter would: the request's own activity (ASP.NET Core), and the app's.
            ShouldListenTo = source => source.Name is Dashboard.Observability.DashboardMetrics.ActivitySourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{incident.Slug}/reports")
        {
            Content = new StringContent(ApiClient.ValidReport("traced").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.Created, (await app.CreateWriter().SendAsync(request)).StatusCode);

        var ours = finished.Where(a => a.TraceId == trace).Select(a => a.OperationName).ToArray();
        Assert.Contains("journal.commit", ours);
        Assert.Contains("screens.notify", ours);
    }
}
