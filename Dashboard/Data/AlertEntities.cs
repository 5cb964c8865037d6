namespace Dashboard.Data;

/// <summary>
/// Who wants to be told of which changes, and how. Never deleted, only ended (<see cref="DeletedAtUtcTicks"/>), so the
/// delivery log can still say to whom an alert went.
/// </summary>
public sealed class SubscriptionEntity
{
    public long Id { get; set; }

    /// <summary>Whose it is: a person's user name, or an API key's name. A page alert shows on this person's pages.</summary>
    public required string Owner { get; set; }

    /// <summary>The incident's slug; null for every incident.</summary>
    public string? Incident { get; set; }

    // Each a comma-separated list of wire names; empty means all.
    public string Countries { get; set; } = "";
    public string Groups { get; set; } = "";
    public string Statuses { get; set; } = "";
    public string Changes { get; set; } = "";

    public required string Channel { get; set; }

    /// <summary>The webhook's URL or the e-mail address; null for the page.</summary>
    public string? Target { get; set; }

    /// <summary>The webhook's signing secret (<c>whsec_</c> + base64); null for other channels.</summary>
    public string? Secret { get; set; }

    /// <summary>Whether the alert may name people: only an Analyst's own subscription may ask for it.</summary>
    public bool Names { get; set; }

    /// <summary>The language its alerts are written in ("en", "fr", "ja", "ar").</summary>
    public string Language { get; set; } = "en";

    public long CreatedAtUtcTicks { get; set; }
    public long? DeletedAtUtcTicks { get; set; }
}

/// <summary>
/// One alert for one subscription: what one change of the log told it. Its id is the change's sequence and the
/// subscription's, so every attempt (after a restart, from another instance) carries the same id. Written in the same
/// transaction as the cursor that passes the change (an outbox), so none is lost or made twice.
/// </summary>
public sealed class AlertDeliveryEntity
{
    /// <summary>"{change sequence}-{subscription id}".</summary>
    public required string Id { get; set; }

    public long Number { get; set; }
    public long ChangeSequence { get; set; }
    public long SubscriptionId { get; set; }
    public required string Owner { get; set; }
    public required string Incident { get; set; }
    public required string Channel { get; set; }
    public string? Target { get; set; }

    /// <summary>What changed, one sentence a line, as the strip says it.</summary>
    public required string Text { get; set; }

    /// <summary>The webhook's JSON body, made once so every attempt sends the same bytes.</summary>
    public required string Payload { get; set; }

    /// <summary>When the change was committed, as the writer's clock had it (for change → sent).</summary>
    public long MadeAtUtcTicks { get; set; }
    public long CreatedAtUtcTicks { get; set; }

    public required string Status { get; set; }
    public int Attempts { get; set; }
    public long NextAttemptAtUtcTicks { get; set; }
    public long? SentAtUtcTicks { get; set; }
    public string? LastError { get; set; }

    public string? AcknowledgedBy { get; set; }
    public long? AcknowledgedAtUtcTicks { get; set; }
}

/// <summary>
/// How far the alerts have read the change log, and which instance may read on (a lease): one row. Every move of the
/// cursor checks the lease in the same statement, so an instance that lost it cannot write alerts twice.
/// </summary>
public sealed class AlertCursorEntity
{
    public const string Name = "alerts";

    public required string Id { get; set; }
    public long Sequence { get; set; }
    public string? Holder { get; set; }
    public long LeaseUntilUtcTicks { get; set; }
}
