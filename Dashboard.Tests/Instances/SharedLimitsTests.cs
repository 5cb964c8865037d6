using System.Net;
using Dashboard.Access;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Instances;

/// <summary>
/// Limits and lockouts hold in total on several instances behind one proxy: what one instance counted, the other
/// counts on from (issue 24, finding 9: locked on A, signed in on B; ten attempts a minute on each).
/// </summary>
public class SharedLimitsTests
{
    [SkippableFact]
    public async Task An_account_locked_out_on_one_instance_is_locked_out_on_the_other()
    {
        using var database = new SharedDatabase();
        var settings = new Dictionary<string, string> { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "1000" };
        var a = database.StartInstance(settings);
        var b = database.StartInstance(settings);
        var account = await a.CreateAccountAsync(Roles.Viewer);

        var onA = a.BrowserFrom("203.0.113.60");
        for (var i = 0; i < SignInGuard.FailuresBeforeLockout; i++)
            await onA.PostSignInFormAsync(account.Email, "guess " + i);
        var withTheRightPasswordOnB = await b.BrowserFrom("203.0.113.60").PostSignInFormAsync(account.Email, account.Password);

        Assert.Contains("error=locked", withTheRightPasswordOnB.Headers.Location!.ToString());
    }

    [SkippableFact]
    public async Task Sign_in_attempts_from_one_address_count_together_on_both_instances()
    {
        using var database = new SharedDatabase();
        var settings = new Dictionary<string, string> { ["Access:RequireSignIn"] = "true", ["RateLimits:SignInsPerMinute"] = "3" };
        var onA = database.StartInstance(settings).BrowserFrom("203.0.113.61");
        var onB = database.StartInstance(settings).BrowserFrom("203.0.113.61");

        var statuses = new List<HttpStatusCode>();
        foreach (var instance in new[] { onA, onB, onA, onB })
            statuses.Add((await instance.PostSignInFormAsync("nobody@example.org", "guess")).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    [SkippableFact]
    public async Task Writes_with_one_key_count_together_on_both_instances()
    {
        using var database = new SharedDatabase();
        var settings = new Dictionary<string, string> { ["RateLimits:WritesPerSecond"] = "3", ["RateLimits:WindowSeconds"] = "3600" };
        var a = database.StartInstance(settings);
        var b = database.StartInstance(settings);
        var slug = (await a.CreateIncidentAsync()).Slug;

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        foreach (var (instance, i) in new[] { a, b, a, b }.Select((instance, i) => (instance, i)))
        {
            last = await instance.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport($"shared-{i}"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(50));
    }
}
