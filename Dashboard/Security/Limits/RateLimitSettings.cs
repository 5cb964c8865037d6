namespace Dashboard.Security.Limits;

/// <summary>
/// Every limit in one place (<c>RateLimits:*</c>): how much each client may ask of the app in a window, and what one
/// expensive answer may cost. On PostgreSQL the counts are kept in the database, so they hold in total across instances.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Writes one client (an API key, or an address without one) may make per window.</summary>
    public int WritesPerSecond { get; set; } = 10_000;

    /// <summary>The window the write limit counts over: a second, unless set otherwise (a test's hour, so no edge is crossed).</summary>
    public double WindowSeconds { get; set; } = 1;

    /// <summary>Sign-ins (and password changes), and display tokens tried, one address may make per minute.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>API reads one client (an API key, a signed-in account, or an address) may make per minute.</summary>
    public int ReadsPerMinute { get; set; } = 1_200;

    /// <summary>Expensive reads (situation report PDFs, exports, changes over a range) one client may make per minute.</summary>
    public int ExpensiveReadsPerMinute { get; set; } = 20;

    /// <summary>Expensive reads one instance works on at once; others wait their turn (0: half the processors, at least one).</summary>
    public int ExpensiveReadsAtOnce { get; set; }

    /// <summary>How long an expensive read waits for its turn before it is answered 503 with Retry-After.</summary>
    public int ExpensiveReadWaitSeconds { get; set; } = 20;

    /// <summary>The most pages a situation report PDF runs to; what does not fit is counted on its last page.</summary>
    public int PdfMaxPages { get; set; } = 60;

    public int ExpensiveReadsAtOnceHere => ExpensiveReadsAtOnce > 0 ? ExpensiveReadsAtOnce : Math.Max(1, Environment.ProcessorCount / 2);
}
