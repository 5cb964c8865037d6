using System.Security.Cryptography;
using System.Text;
using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Situation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Api;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Keys allowed to write, besides those Admins issue in the app. None at all means nobody may write.</summary>
    public List<string> ApiKeys { get; set; } = [];
}

/// <summary>
/// Recognises an <c>X-Api-Key</c>: one of <c>Ingest:ApiKeys</c> (compared in constant time) or an active key an Admin
/// issued in the app. A key may do what an Analyst may: write, retract, import, export, read named people.
/// </summary>
public sealed class ApiKeys(IOptionsMonitor<IngestOptions> options, CredentialStore credentials)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key's name for the audit trail (never the key itself), or null when the key is not valid.</summary>
    public async ValueTask<string?> NameOfAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length == 0)
            return null;
        var configured = MatchingKey(presented, options.CurrentValue.ApiKeys);
        if (configured >= 0)
            return $"Ingest API key #{configured + 1}";
        return await credentials.FindAsync(CredentialKind.ApiKey, presented, cancellationToken) is var (_, name, _) ? $"API key '{name}'" : null;
    }

    // Every configured key is compared, each in constant time over hashes of equal length, so timing tells nothing.
    private static int MatchingKey(string presented, IReadOnlyList<string> keys)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var matched = -1;
        for (var i = 0; i < keys.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(keys[i])
                && CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(keys[i]))))
                matched = i;
        }
        return matched;
    }
}

/// <summary>
/// Who may call an endpoint: a valid API key always; otherwise the signed-in person (or anyone, when sign-in is not
/// required and the policy allows it) must meet <paramref name="policy"/>. Without a policy only a key will do.
/// Refusals are 401 (who are you?) or 403 (not allowed) with ProblemDetails.
/// </summary>
public sealed class ApiAccessFilter(string? policy) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[ApiKeys.HeaderName].ToString();
        if (presented.Length > 0)
        {
            if (await http.RequestServices.GetRequiredService<ApiKeys>().NameOfAsync(presented, http.RequestAborted) is not { } name)
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key not valid",
                    detail: $"The {ApiKeys.HeaderName} header is not a configured key nor an active key issued by an Admin (it may have been revoked).");
            http.Items[WriterItem] = name;
            return await next(context);
        }
        if (policy is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"Writes need the {ApiKeys.HeaderName} header set to one of the keys in Ingest:ApiKeys or a key issued by an Admin.");

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(http.User, policy)).Succeeded)
            return await next(context);
        return http.User.Identity?.IsAuthenticated == true
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: "Your account or display token does not allow this.")
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required",
                detail: $"Sign in, or send an {ApiKeys.HeaderName} header.");
    }

    /// <summary>Who wrote, as far as the API knows: which key (never the key itself).</summary>
    public const string WriterItem = "Dashboard.Writer";

    /// <summary>The writer of this request, for the audit trail.</summary>
    public static Actor WriterOf(HttpContext context) =>
        Actor.From(context, context.Items[WriterItem] as string ?? context.User.Identity?.Name ?? "API client");
}

public static class ApiAccess
{
    /// <summary>Only a valid API key.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiAccessFilter(null));

    /// <summary>A valid API key, or a caller meeting <paramref name="policy"/>.</summary>
    public static TBuilder RequireApiAccess<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiAccessFilter(policy));
}
