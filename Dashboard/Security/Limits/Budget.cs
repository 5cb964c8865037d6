using System.Globalization;

namespace Dashboard.Security.Limits;

/// <summary>What a request spends: each endpoint says which (<see cref="LimitsExtensions.LimitedBy{TBuilder}"/>).</summary>
public enum Budget { SignIns, TokenTries, Writes, Reads, ExpensiveReads }

/// <summary>How many of a budget one client may spend in a window, and what a refusal says: one place for each.</summary>
public sealed record BudgetRule(Budget Budget, string Name, int Permits, TimeSpan Window, bool ByAddress, string Title, string Refusal)
{
    public static BudgetRule Of(Budget budget, RateLimitSettings settings) => budget switch
    {
        Budget.SignIns => new(budget, "sign-in", settings.SignInsPerMinute, TimeSpan.FromMinutes(1), ByAddress: true,
            "Too many sign-in attempts", "Too many sign-in attempts from this address"),
        Budget.TokenTries => new(budget, "wall-token", settings.SignInsPerMinute, TimeSpan.FromMinutes(1), ByAddress: true,
            "Too many display tokens tried", "Too many display tokens tried from this address"),
        Budget.Writes => new(budget, "writes", settings.WritesPerSecond, TimeSpan.FromSeconds(Math.Max(0.001, settings.WindowSeconds)), ByAddress: false,
            "Too many writes", "This client is over its write limit"),
        Budget.Reads => new(budget, "reads", settings.ReadsPerMinute, TimeSpan.FromMinutes(1), ByAddress: false,
            "Too many reads", $"This client is over its read limit ({settings.ReadsPerMinute} a minute)"),
        Budget.ExpensiveReads => new(budget, "expensive-reads", settings.ExpensiveReadsPerMinute, TimeSpan.FromMinutes(1), ByAddress: false,
            "Too many reports and exports",
            $"This client is over its limit for PDFs, exports and changes ({settings.ExpensiveReadsPerMinute} a minute)"),
        _ => throw new ArgumentOutOfRangeException(nameof(budget)),
    };

    public int PermitsAtLeastOne => Math.Max(1, Permits);
}

/// <summary>How long to wait, said in whole seconds (never 0: "try again in 0 s" invites an immediate retry).</summary>
public static class RetryAfter
{
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static int Set(HttpResponse response, TimeSpan wait)
    {
        var seconds = Seconds(wait);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
