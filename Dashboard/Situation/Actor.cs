namespace Dashboard.Situation;

/// <summary>Who made a change and from where, for the audit trail.</summary>
public sealed record Actor(string Name, string? Address)
{
    public static readonly Actor Seed = new("system (bundled seed)", null);

    public static Actor From(HttpContext context, string name) => new(name, context.Connection.RemoteIpAddress?.ToString());
}

/// <summary>One recorded change: who, when, what, from where.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string? Address, string Action, string? Incident, string Detail);

/// <summary>Which audit entries to show: parts left empty match everything.</summary>
public sealed record AuditFilter(string? Actor, string? Action, string? Text);
