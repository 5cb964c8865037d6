using Dashboard.Situation;

namespace Dashboard.Tests.Alerts;

/// <summary>E-mail alerts as a consular team's inbox receives them, from a real SMTP server the test runs.</summary>
public class EmailAlertTests(AlertsAppFactory app) : IClassFixture<AlertsAppFactory>
{
    private static string Killed(string country) => $"{Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)}, {Terms.ScopeWords(country, "DZ")}";

    private async Task<(string Slug, string Address)> SubscribedAsync(string country)
    {
        var slug = (await app.CreateIncidentAsync()).Slug;
        var address = $"desk-{Guid.NewGuid():N}"[..16] + "@example.org";
        await app.SubscribeAsync(AlertTestData.Subscription(slug, "email", [country], email: address));
        return (slug, address);
    }

    [Fact]
    public async Task A_british_desk_gets_one_message_for_a_british_move_in_plain_text_and_html_and_none_for_a_japanese_one()
    {
        var (slug, address) = await SubscribedAsync("GB");

        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("JP", 2)));
        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-2", "2013-01-17T12:00:00+01:00", ("GB", 3)));

        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Mail.To(address).Length == 1));
        var message = app.Mail.To(address).Single();
        Assert.Equal($"[Test incident] {Killed("GB")} new → 3 — Kyodo, ungraded — Thu 17 Jan 2013, 12:00 (Africa/Algiers)", message.Subject);
        Assert.Contains($"{Killed("GB")} new → 3", message.TextBody);
        Assert.Contains($"<li>{System.Net.WebUtility.HtmlEncode(Killed("GB"))} new → 3", message.HtmlBody);
        Assert.DoesNotContain(Terms.ScopeWords("JP", "DZ"), message.TextBody);
        Assert.DoesNotContain("Kenji", message.TextBody);
    }

    [Fact]
    public async Task Under_a_storm_the_messages_after_the_first_wait_out_the_minute_and_go_as_one_digest()
    {
        var (slug, address) = await SubscribedAsync("GB");
        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-1", "2013-01-17T10:00:00+01:00", ("GB", 1)));
        Assert.True(await AlertsAppFactory.EventuallyAsync(() => app.Mail.To(address).Length == 1));

        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-2", "2013-01-17T11:00:00+01:00", ("GB", 2)));
        await app.PostReportAsync(slug, AlertTestData.Killed($"{slug}-3", "2013-01-17T12:00:00+01:00", ("GB", 3)));
        await Task.Delay(500); // both read and waiting: the clock has not moved, so the minute is not up
        Assert.Single(app.Mail.To(address));

        Assert.True(await app.AdvanceUntilAsync(() => app.Mail.To(address).Length == 2, TimeSpan.FromSeconds(15)));
        var digest = Assert.Single(app.Mail.To(address), m => m.Subject == "[Test incident] 2 changes");
        Assert.Contains($"{Killed("GB")} 1 → 2", digest.TextBody);
        Assert.Contains($"{Killed("GB")} 2 → 3", digest.TextBody);
    }
}
