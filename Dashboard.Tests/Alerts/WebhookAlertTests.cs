using System.Text.Json.Nodes;
using Dashboard.Alerts;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Dashboard.Tests.Alerts;

/// <summary>Webhook alerts as a desk's own tools receive them: signed, narrowed to their nationals, retried until taken.</summary>
public class WebhookAlertTests(AlertsAppFactory app) : IClassFixture<AlertsAppFactory>
{
    private static string Killed(string country) => $"{Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)}, {Terms.ScopeWords(country, "DZ")}";

    private static JsonNode[] Changes(ReceivedHook hook) => [.. JsonNode.Parse(hook.Body)!["data"]!["changes"]!.AsArray().Select(c => c!)];

    private async Task<(string Slug, string Hook, string Secret)> SubscribedAsync(string[] countries, Func<int, int>? answer = null)
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var url = app.Hooks.NewHook(out var hook, answer);
        var made = await app.SubscribeAsync(AlertTestData.Subscription(slug, "webhook", countries, url: url));
        return (slug, hook, made["secret"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_british_desk_is_told_of_the_british_move_signed_and_not_of_the_japanese_one()
    {
        var (slug, hook, secret) = await SubscribedAsync(["GB"]);

        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("GB", 1), ("JP", 2)));
        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-2", "2013-01-17T12:00:00+01:00", ("GB", 3), ("JP", 5)));
        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-3", "2013-01-17T13:00:00+01:00", ("JP", 7)));

        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length >= 2));
        await Task.Delay(300); // the Japanese-only change has been read by now too: nothing more may come
        var hooks = app.Hooks.To(hook);
        Assert.Equal(2, hooks.Length);
        var verifier = new StandardWebhook(secret);
        Assert.All(hooks, h => verifier.Verify(h.Body, h.Headers)); // throws unless signed with the subscription's secret
        Assert.Equal(hooks.Select(h => h.Id).Distinct().Count(), hooks.Length);
        Assert.Equal(["first", "moved"], hooks.Select(h => Changes(h).Single()["kind"]!.GetValue<string>()));
        var moved = Changes(hooks[1]).Single();
        Assert.StartsWith($"{Killed("GB")} 1 → 3 — Kyodo, ungraded — Thu 17 Jan 2013, 12:00 (Africa/Algiers)", moved["text"]!.GetValue<string>());
        Assert.Equal("GB", moved["scope"]!.GetValue<string>());
        Assert.Equal(3, moved["to"]!["count"]!.GetValue<int>());
        Assert.DoesNotContain(hooks, h => h.Body.Contains(Terms.ScopeWords("JP", "DZ")));
        Assert.Equal(hooks[1].Id, JsonNode.Parse(hooks[1].Body)!["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tokyo_desk_that_asked_for_japanese_is_told_in_japanese_and_a_bad_language_is_refused_by_name()
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var url = app.Hooks.NewHook(out var hook);
        var subscription = AlertTestData.Subscription(slug, "webhook", ["JP"], url: url);
        subscription["language"] = "ja";
        await app.SubscribeAsync(subscription);
        var klingon = AlertTestData.Subscription(slug, "webhook", ["JP"], url: url);
        klingon["language"] = "tlh";
        var refused = await app.CreateWriter().PostJsonAsync("/api/subscriptions", klingon);

        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("JP", 2)));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["language"], await refused.ErrorFieldsAsync());
        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length >= 1));
        var text = Changes(app.Hooks.To(hook)[0]).Single()["text"]!.GetValue<string>();
        var expected = Dashboard.Localization.Languages.In("ja", () => $"{Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)}、{Terms.ScopeWords("JP", "DZ")}");
        Assert.StartsWith(expected, text);
        Assert.Contains("1月17日", text);
        Assert.Contains("未評価", text);
    }

    [Fact]
    public async Task A_correction_reaches_the_desk_as_a_correction_without_the_person_it_names()
    {
        var (slug, hook, _) = await SubscribedAsync(["JP"]);
        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("JP", 2)));
        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-2", "2013-01-17T12:00:00+01:00", ("JP", 5)));
        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length == 2));

        (await app.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports/{slug}-2/retract",
            new JsonObject { ["reason"] = "Kenji Tanaka was counted twice." })).EnsureSuccessStatusCode();

        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length == 3));
        var correction = Changes(app.Hooks.To(hook)[2]).Single();
        Assert.Equal("correction", correction["kind"]!.GetValue<string>());
        Assert.StartsWith($"CORRECTION: {Killed("JP")} 5 withdrawn — [name withheld] was counted twice. (now 2)", correction["text"]!.GetValue<string>());
        Assert.DoesNotContain("Kenji", app.Hooks.To(hook)[2].Body);
    }

    [Fact]
    public async Task A_receiver_that_fails_three_times_is_sent_the_same_alert_a_fourth_time_after_waits_that_double()
    {
        var (slug, hook, secret) = await SubscribedAsync([], answer: attempt => attempt <= 3 ? 500 : 200);

        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("GB", 1)));
        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length == 1));
        Assert.True(await app.AdvanceUntilAsync(() => app.Hooks.To(hook).Length == 4, TimeSpan.FromSeconds(5)));

        var attempts = app.Hooks.To(hook);
        Assert.Equal([500, 500, 500, 200], attempts.Select(a => a.Answered));
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.All(attempts, a => new StandardWebhook(secret).Verify(a.Body, a.Headers));
        var waits = attempts.Zip(attempts.Skip(1), (a, b) => long.Parse(b.Timestamp) - long.Parse(a.Timestamp)).ToArray();
        Assert.True(waits[0] >= 5 && waits[1] >= 10 && waits[2] >= 20, $"waits {string.Join(", ", waits)} s");
        var logged = await LoggedAsync(attempts[0].Id);
        Assert.Equal((4, AlertDelivery.Sent), (logged.Attempts, logged.Status));
    }

    [Fact]
    public async Task A_receiver_that_redirects_is_not_followed_and_the_attempt_is_logged_as_failed()
    {
        var (slug, hook, _) = await SubscribedAsync([], answer: _ => 307);

        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("GB", 1)));

        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length == 1));
        DeliveryLogEntry? logged = null;
        Assert.True(await AlertsAppFactory.EventuallyAsync(() => (logged = LoggedAsync(app.Hooks.To(hook)[0].Id).Result).Attempts == 1));
        Assert.Equal((AlertDelivery.Pending, "HTTP 307: redirects are not followed"), (logged!.Status, logged.LastError));
    }

    [Fact]
    public async Task The_incidents_end_is_told_to_every_desk_that_follows_it()
    {
        var (slug, hook, _) = await SubscribedAsync(["GB"]);

        (await app.CreateWriter().PutAsync($"/api/incidents/{slug}/end", JsonContent("""{"endedAt": "2013-01-19T20:00:00+01:00"}"""))).EnsureSuccessStatusCode();

        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length == 1));
        var body = JsonNode.Parse(app.Hooks.To(hook)[0].Body)!;
        Assert.Equal("incident.ended", body["type"]!.GetValue<string>());
        Assert.Equal("Test incident declared ended — Sat 19 Jan 2013, 20:00 (Africa/Algiers)", body["data"]!["changes"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Under_a_storm_of_changes_alerts_go_out_while_the_changes_keep_coming_not_after_they_stop()
    {
        var (slug, hook, _) = await SubscribedAsync(["GB"]);
        var pacing = app.Services.GetRequiredService<AlertPacing>();
        var sentDuringTheStorm = new List<int>();
        var written = 1;
        pacing.ChangesPerPass = 1;
        // Each batch read is followed by another change, as under a storm: the log is never read to its end meanwhile.
        pacing.AfterBatch = async () =>
        {
            if (written >= 6)
                return;
            sentDuringTheStorm.Add(app.Hooks.To(hook).Length);
            written++;
            await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-{written}", $"2013-01-17T{9 + written:00}:00:00+01:00", ("GB", written)));
        };
        try
        {
            await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("GB", 1)));
            Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Hooks.To(hook).Length == 6));
        }
        finally
        {
            (pacing.ChangesPerPass, pacing.AfterBatch) = (200, null);
        }
        Assert.True(sentDuringTheStorm.Count == 5 && sentDuringTheStorm[^1] >= 3, $"webhooks sent as each change came: {string.Join(", ", sentDuringTheStorm)}");
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private async Task<DeliveryLogEntry> LoggedAsync(string id) =>
        (await app.Services.GetRequiredService<AlertLog>().RecentAsync(null, 1000)).Single(d => d.Id == id);
}
