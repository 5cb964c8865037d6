using System.Security.Claims;

namespace Dashboard.Access;

/// <summary>What a signed-in person may do. Each role includes the one before it.</summary>
public static class Roles
{
    /// <summary>Reads the situation page: counts, timeline, nationalities.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Also writes, retracts, imports, exports and sees the people named in reports.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Also manages accounts, API keys and wall display tokens, and reads the audit log.</summary>
    public const string Admin = "Admin";

    /// <summary>A wall signed in with a display token: wall pages only, read-only.</summary>
    public const string WallDisplay = "WallDisplay";

    /// <summary>A caller with a valid API key: writes, retracts, imports, exports and reads named people, through the API only.</summary>
    public const string ApiClient = "ApiClient";

    public static readonly string[] People = [Viewer, Analyst, Admin];

    public static readonly string[] Writers = [Analyst, Admin];

    public static bool IsAnalyst(ClaimsPrincipal user) => Writers.Any(user.IsInRole);

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(Admin);

    /// <summary>The one role a person holds, by what it allows (Admin over Analyst over Viewer).</summary>
    public static string? HighestOf(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return People.LastOrDefault(held.Contains);
    }
}

public static class AccessPolicies
{
    /// <summary>The situation page and the read API: anyone when sign-in is not required, else a person with a role.</summary>
    public const string ReadSituation = "read-situation";

    /// <summary>Wall pages: as <see cref="ReadSituation"/>, and also a wall's display token.</summary>
    public const string ReadWall = "read-wall";

    /// <summary>Report history, the report form, import, export, named people.</summary>
    public const string Analyst = "analyst";

    /// <summary>Accounts, API keys, wall tokens, audit log.</summary>
    public const string Admin = "admin";

    /// <summary>The read API: as <see cref="ReadSituation"/>, and also an API key.</summary>
    public const string ReadApi = "read-api";

    /// <summary>What the API gives Analysts (export, named people): an Analyst's sign-in or an API key.</summary>
    public const string AnalystApi = "analyst-api";

    /// <summary>The API's writes: an API key only (Analysts write through the live pages).</summary>
    public const string WriteApi = "write-api";

    /// <summary><c>/metrics</c>: Admins and API keys.</summary>
    public const string ReadMetrics = "read-metrics";

    /// <summary>A live page's connection: anyone who may read a situation or a wall.</summary>
    public const string LiveConnection = ReadWall;
}

public sealed class AccessSettings
{
    public const string Section = "Access";

    /// <summary>Whether reading the situation needs a signed-in person (or a wall token for walls). Default: yes, except in Development.</summary>
    public bool? RequireSignIn { get; set; }

    /// <summary>How long a wall's display-token cookie lasts without a request from it (sliding). Default 30 days.</summary>
    public double WallSessionDays { get; set; } = 30;
}
