using Dashboard.Data.Postgres;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Tests.Instances;

/// <summary>
/// Two or three app instances on one PostgreSQL database: what one writes, every other shows without a reload; what
/// one revokes, every other refuses; a cookie made by one is read by another; concurrent writers on both lose nothing.
/// </summary>
public class SeveralInstancesTests
{
    private static async Task<string> TalliesAsync(DashboardFactory instance, string slug) =>
        (await instance.CreateClient().TalliesAsync(slug)).ToJsonString();

    private static Task<HttpResponseMessage> PostAsync(HttpClient writer, string slug, string id, int count) =>
        writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport(id, count));

    [SkippableFact]
    public async Task A_report_a_retraction_a_new_incident_and_its_end_written_through_one_instance_show_on_the_other()
    {
        using var database = new SharedDatabase();
        var a = database.StartInstance();
        var b = database.StartInstance();
        var slug = (await a.CreateIncidentAsync()).Slug;

        // Found on B at once, though B may not have heard of it yet: B asks the log before saying 404.
        Assert.Equal(HttpStatusCode.OK, (await b.CreateClient().GetAsync($"/api/incidents/{slug}/tallies")).StatusCode);
        Assert.Empty(await b.CreateClient().TalliesAsync(slug)); // B's picture is loaded before the write: it must follow
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(a.CreateWriter(), slug, "through-a", 7)).StatusCode);
        Assert.True(await SharedDatabase.EventuallyAsync(async () =>
            (await b.CreateClient().TalliesAsync(slug)) is [{ } tally] && (int)tally["count"]! == 7), "B never showed A's report");

        Assert.Equal(HttpStatusCode.OK, (await a.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports/through-a/retract",
            new JsonObject { ["reason"] = "Wrong incident." })).StatusCode);
        Assert.True(await SharedDatabase.EventuallyAsync(async () => (await b.CreateClient().TalliesAsync(slug)).Count == 0),
            "B still counts the report A retracted");

        var listed = await b.CreateClient().GetFromJsonAsync<JsonArray>("/api/incidents");
        Assert.Contains(listed!, i => (string?)i!["slug"] == slug);

        Assert.Equal(HttpStatusCode.OK, (await a.CreateWriter().PutAsJsonAsync($"/api/incidents/{slug}/end",
            new JsonObject { ["endedAt"] = "2013-01-19T13:00:00+01:00" })).StatusCode);
        Assert.True(await SharedDatabase.EventuallyAsync(async () =>
            (await b.Situation.GetSituationAsync(slug))!.Incident.EndedAt == DateTimeOffset.Parse("2013-01-19T13:00:00+01:00")
            && (string?)(await b.CreateClient().GetFromJsonAsync<JsonNode>($"/api/incidents/{slug}"))!["endedAt"] == "2013-01-19T13:00:00+01:00"),
            "B's picture or list never heard that A marked the incident ended");
    }

    [SkippableFact]
    public async Task A_source_graded_through_one_instance_reads_with_its_grade_on_the_other()
    {
        using var database = new SharedDatabase();
        var a = database.StartInstance();
        var b = database.StartInstance();
        var slug = (await a.CreateIncidentAsync()).Slug;
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(a.CreateWriter(), slug, $"{slug}-graded", 7)).StatusCode);
        Assert.True(await SharedDatabase.EventuallyAsync(async () => (await b.CreateClient().TalliesAsync(slug)).Count == 1), "B never showed A's report");

        Assert.Equal(HttpStatusCode.OK, (await a.CreateWriter().PutAsJsonAsync($"/api/incidents/{slug}/sources/grade",
            new JsonObject { ["source"] = "Press agency", ["reliability"] = "C" })).StatusCode);

        Assert.True(await SharedDatabase.EventuallyAsync(async () =>
            (await b.CreateClient().TalliesAsync(slug)) is [{ } tally] && (string?)tally["grade"] == "C–"), "B never showed the grade given on A");
        var fresh = database.StartInstance();
        Assert.Equal("C–", (string?)(await fresh.CreateClient().TalliesAsync(slug))[0]!["grade"]);
    }

    [SkippableFact]
    public async Task A_key_revoked_on_one_instance_is_refused_by_the_other()
    {
        using var database = new SharedDatabase();
        var a = database.StartInstance();
        var b = database.StartInstance();
        var slug = (await a.CreateIncidentAsync()).Slug;
        var (key, secret) = await a.Services.GetRequiredService<CredentialStore>().IssueAsync(CredentialKind.ApiKey, "feed", Actor.Seed);
        var writerOnB = b.CreateClient();
        writerOnB.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(writerOnB, slug, "with-key", 1)).StatusCode);

        Assert.True(await a.Services.GetRequiredService<CredentialStore>().RevokeAsync(key.Id, Actor.Seed));

        Assert.True(await SharedDatabase.EventuallyAsync(async () =>
            (await PostAsync(writerOnB, slug, $"after-{Guid.NewGuid():N}", 1)).StatusCode == HttpStatusCode.Unauthorized),
            "B still accepts a key revoked on A");
    }

    [SkippableFact]
    public async Task A_sign_in_cookie_made_by_one_instance_is_accepted_by_the_other()
    {
        using var database = new SharedDatabase();
        var signInRequired = new Dictionary<string, string> { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "1000" };
        var a = database.StartInstance(signInRequired);
        var b = database.StartInstance(signInRequired);
        var jar = new System.Net.CookieContainer();
        var onA = a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
        var onB = b.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/incidents/in-amenas/tallies")).StatusCode);

        var account = await a.CreateAccountAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.PostSignInFormAsync(account.Email, account.Password)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/incidents/in-amenas/tallies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/incidents/in-amenas/history")).StatusCode);
    }

    [SkippableFact]
    public async Task Twenty_writers_on_two_instances_lose_nothing_and_every_instance_agrees_with_a_fresh_one()
    {
        using var database = new SharedDatabase();
        var a = database.StartInstance();
        var b = database.StartInstance();
        var slug = (await a.CreateIncidentAsync()).Slug;
        await TalliesAsync(a, slug);
        await TalliesAsync(b, slug); // both pictures live before the writes, so both must follow them
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var writers = Enumerable.Range(0, 20).Select(w => Task.Run(async () =>
        {
            var writer = (w % 2 == 0 ? a : b).CreateWriter();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"w{w}-{i}";
                if ((await PostAsync(writer, slug, id, 1 + (w * 7 + i) % 40)).StatusCode == HttpStatusCode.Created)
                    acknowledged.Add(id);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var c = database.StartInstance();
        var fresh = await TalliesAsync(c, slug);
        Assert.True(await SharedDatabase.EventuallyAsync(async () => await TalliesAsync(a, slug) == fresh && await TalliesAsync(b, slug) == fresh),
            $"A fresh instance disagrees: A agrees {await TalliesAsync(a, slug) == fresh}, B agrees {await TalliesAsync(b, slug) == fresh}");
        Assert.True(acknowledged.Count > 100, $"only {acknowledged.Count} writes in 10 s");
        var stored = (await c.Situation.GetHistoryAsync(slug))!.Select(h => h.Report.Id).ToArray();
        Assert.Equal(acknowledged.Count, stored.Length);
        Assert.Equal(acknowledged.Order(), stored.Order());
    }

    [SkippableFact]
    public async Task After_its_listening_connection_drops_an_instance_catches_up_with_what_it_missed()
    {
        using var database = new SharedDatabase();
        var a = database.StartInstance();
        var b = database.StartInstance();
        var slug = (await a.CreateIncidentAsync()).Slug;
        await TalliesAsync(b, slug);
        var listener = b.Services.GetRequiredService<PostgresChangeListener>();
        Assert.True(await SharedDatabase.EventuallyAsync(() => Task.FromResult(listener.Connections == 1)));

        await listener.DropConnectionAsync();
        // Written while B is not listening (or just reconnecting): its notification may be lost; the log is not.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(a.CreateWriter(), slug, "while-deaf", 9)).StatusCode);

        Assert.True(await SharedDatabase.EventuallyAsync(() => Task.FromResult(listener.Connections == 2)), "B never listened again");
        Assert.True(await SharedDatabase.EventuallyAsync(async () =>
            (await b.CreateClient().TalliesAsync(slug)) is [{ } tally] && (int)tally["count"]! == 9), "B never caught up");
    }

    [SkippableFact]
    public async Task A_write_waiting_too_long_for_its_turn_is_answered_503_and_nothing_is_written()
    {
        using var database = new SharedDatabase();
        var a = database.StartInstance(new() { ["Database:BusyTimeoutSeconds"] = "1" });
        var slug = (await a.CreateIncidentAsync()).Slug;
        var writer = a.CreateWriter();

        HttpResponseMessage blocked;
        await using (var other = new NpgsqlConnection(a.Services.GetRequiredService<DashboardDatabase>().ConnectionString + ";Pooling=false"))
        {
            await other.OpenAsync();
            // Another instance's journal, stuck mid-commit with the turn held.
            await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_lock({DashboardDatabase.JournalLock})", other))
                await hold.ExecuteNonQueryAsync();
            blocked = await PostAsync(writer, slug, "blocked", 3);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), blocked.Headers.RetryAfter?.Delta);
        Assert.Contains("busy", (string?)(await blocked.JsonAsync())["detail"]);
        Assert.Equal(0, await a.Situation.CountReportsAsync(slug));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(writer, slug, "blocked", 3)).StatusCode);
    }
}

/// <summary>Operations an operator runs against a PostgreSQL deployment.</summary>
public class PostgresOperationsTests
{
    [SkippableFact]
    public async Task The_backup_command_says_to_use_pg_dump_with_the_database_in_use_and_writes_nothing()
    {
        using var database = new SharedDatabase();
        var app = database.StartInstance();
        var target = Path.Combine(Path.GetTempPath(), $"backup-{Guid.NewGuid():N}.dump");
        var error = new StringWriter();

        Assert.Equal(1, await Dashboard.Operations.Commands.RunAsync(app.Services, ["backup", target], TextWriter.Null, error));

        Assert.Contains($"pg_dump --format=custom --host=127.0.0.1", error.ToString());
        Assert.Contains($"--dbname={database.Name} --file={target}", error.ToString());
        Assert.DoesNotContain("Password", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(target));
    }

    [SkippableFact]
    public async Task When_the_database_is_gone_ready_says_so_and_writes_are_503_not_500()
    {
        using var database = new SharedDatabase();
        var app = database.StartInstance();
        var slug = (await app.CreateIncidentAsync()).Slug;
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        TestDatabases.DropPostgres(database.Name);
        var write = await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("into-the-void"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.NotNull(write.Headers.RetryAfter);
    }
}
