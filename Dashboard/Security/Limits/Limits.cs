using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Microsoft.Extensions.Options;

namespace Dashboard.Security.Limits;

/// <summary>The budget an endpoint's requests spend (the last one declared counts).</summary>
public sealed record LimitedByMetadata(Budget Budget);

/// <summary>A refusal: which budget ran out, and how long until it may be spent again.</summary>
public sealed record LimitRefusal(BudgetRule Rule, int StatusCode, TimeSpan RetryAfter)
{
    public string Detail(int seconds) => StatusCode == StatusCodes.Status503ServiceUnavailable
        ? $"Every slot for PDFs, exports and changes on this instance is busy; try again in {seconds} s."
        : $"{Rule.Refusal}; try again in {seconds} s.";
}

/// <summary>
/// Spends budgets: each request to a limited endpoint counts against its client (an API key, a signed-in account, or
/// the address; sign-ins and display tokens always by address), over the limit it is answered 429 with Retry-After.
/// Expensive reads also wait for one of this instance's few slots, so a burst of PDFs cannot take every core.
/// </summary>
public sealed class LimitBook(ILimitCounters counters, IOptionsMonitor<RateLimitSettings> settings, TimeProvider clock,
    Observability.DashboardMetrics metrics) : IDisposable
{
    private readonly SemaphoreSlim _expensiveSlots = new(settings.CurrentValue.ExpensiveReadsAtOnceHere);

    /// <summary>Counts one request against <paramref name="budget"/>; a refusal when it is spent.</summary>
    public async Task<LimitRefusal?> SpendAsync(HttpContext context, Budget budget)
    {
        var rule = BudgetRule.Of(budget, settings.CurrentValue);
        WindowCount count;
        try
        {
            count = await counters.CountAsync($"{rule.Name}:{ClientOf(context, rule)}", rule.Window, cancellationToken: context.RequestAborted);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseFailure(e))
        {
            // Counts kept in a database that cannot answer: the request goes on, to be served from memory (a read) or
            // answered 503 by its endpoint (a write); refusing it here would turn a database outage into 500s.
            metrics.Unavailable("limits");
            return null;
        }
        if (count.Count <= rule.PermitsAtLeastOne)
            return null;
        metrics.RateLimited(rule.Name);
        return new LimitRefusal(rule, StatusCodes.Status429TooManyRequests, count.Ends - clock.GetUtcNow());
    }

    /// <summary>Waits for a slot for an expensive read; null when none came free in time (answer with <see cref="Busy"/>).</summary>
    public async Task<IDisposable?> TakeExpensiveSlotAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(Math.Max(0, settings.CurrentValue.ExpensiveReadWaitSeconds));
        return await _expensiveSlots.WaitAsync(wait, cancellationToken) ? new Slot(_expensiveSlots) : null;
    }

    /// <summary>The answer when no slot for an expensive read came free in time.</summary>
    public LimitRefusal Busy()
    {
        metrics.RateLimited("expensive-reads-busy");
        return new(BudgetRule.Of(Budget.ExpensiveReads, settings.CurrentValue), StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(5));
    }

    public static async Task WriteAsync(HttpContext context, LimitRefusal refusal)
    {
        var seconds = RetryAfter.Set(context.Response, refusal.RetryAfter);
        await TypedResults.Problem(statusCode: refusal.StatusCode, title: refusal.Rule.Title, detail: refusal.Detail(seconds)).ExecuteAsync(context);
    }

    public void Dispose() => _expensiveSlots.Dispose();

    // By API key when one is presented (hashed: the key itself is never kept), else by account, else by address.
    private static string ClientOf(HttpContext context, BudgetRule rule)
    {
        var address = "ip:" + context.Connection.RemoteIpAddress;
        if (rule.ByAddress)
            return address;
        var key = context.Request.Headers[Api.ApiKeys.HeaderName].ToString();
        if (key.Length > 0)
            return "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } account ? "account:" + account : address;
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release();
        }
    }
}

public static class LimitsExtensions
{
    public static IServiceCollection AddLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitSettings>(configuration.GetSection(RateLimitSettings.Section));
        services.AddSingleton<ILimitCounters>(provider => provider.GetRequiredService<DashboardDatabase>().Provider == DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<Data.Postgres.PostgresLimitCounters>(provider)
            : ActivatorUtilities.CreateInstance<MemoryLimitCounters>(provider));
        services.AddSingleton<LimitBook>();
        return services;
    }

    /// <summary>Requests to these endpoints spend <paramref name="budget"/>.</summary>
    public static TBuilder LimitedBy<TBuilder>(this TBuilder builder, Budget budget) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new LimitedByMetadata(budget));

    /// <summary>Spends the budget each endpoint declares, after authentication (so a signed-in account is its own client).</summary>
    public static IApplicationBuilder UseLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<LimitedByMetadata>() is not { } limited)
        {
            await next(context);
            return;
        }
        var book = context.RequestServices.GetRequiredService<LimitBook>();
        if (await book.SpendAsync(context, limited.Budget) is { } refusal)
        {
            await LimitBook.WriteAsync(context, refusal);
            return;
        }
        if (limited.Budget != Budget.ExpensiveReads)
        {
            await next(context);
            return;
        }
        using var slot = await book.TakeExpensiveSlotAsync(context.RequestAborted);
        if (slot is null)
        {
            await LimitBook.WriteAsync(context, book.Busy());
            return;
        }
        await next(context);
    });
}
