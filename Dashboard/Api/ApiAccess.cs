using System.Security.Cryptography;
using System.Text;
using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Security.Limits;
using Dashboard.Situation;
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

public static class ApiAccess
{
    /// <summary>Only a valid API key.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.WriteApi).WithMetadata(ApiRefusal.KeyOnly);

    /// <summary>
    /// A caller meeting <paramref name="policy"/> (one of the API's: <see cref="AccessPolicies.ReadApi"/>, ...), reading:
    /// each request spends the caller's read budget (an expensive read says so after this).
    /// </summary>
    public static TBuilder RequireApiAccess<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy).WithMetadata(ApiRefusal.SignInOrKey).LimitedBy(Budget.Reads);

    /// <summary>
    /// The writer of this request, for the audit trail: the key's name (never the key itself) or the person. Write
    /// endpoints are refused to anyone not signed in, so there is always one.
    /// </summary>
    public static Actor WriterOf(HttpContext context) => Actor.From(context, context.User.Identity?.Name
        ?? throw new InvalidOperationException("A write reached its endpoint without an authenticated caller."));
}
