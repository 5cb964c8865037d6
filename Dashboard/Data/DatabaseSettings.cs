using System.ComponentModel.DataAnnotations;

namespace Dashboard.Data;

/// <summary>How writes meet the database (section <c>Database</c>).</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";

    /// <summary>How long a write waits for another process's lock before the API answers 503.</summary>
    [Range(1, 600)]
    public int BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How many writes may wait for the journal's turn at once; one more is answered 503 with Retry-After at the door,
    /// so a flood queues no unbounded memory and a waiting writer is never left behind thousands of others.
    /// </summary>
    [Range(1, 1_000_000)]
    public int WriteQueueLength { get; set; } = 10_000;
}
