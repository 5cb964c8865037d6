using System.Security.Cryptography;
using System.Text;
using Dashboard.Situation;

namespace Dashboard.Api;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Keys allowed to write. None configured means nobody may write.</summary>
    public List<string> ApiKeys { get; set; } = [];
}

/// <summary>Writes need an <c>X-Api-Key</c> header matching one of <c>Ingest:ApiKeys</c>, compared in constant time.</summary>
public sealed class ApiKeyFilter(Microsoft.Extensions.Options.IOptionsMonitor<IngestOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        var matched = presented.Length == 0 ? -1 : MatchingKey(presented, options.CurrentValue.ApiKeys);
        if (matched < 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: $"Writes need the {HeaderName} header set to one of the keys in Ingest:ApiKeys.");
        }
        context.HttpContext.Items[WriterItem] = $"Ingest API key #{matched + 1}";
        return await next(context);
    }

    /// <summary>Who wrote, as far as the API knows: which configured key (never the key itself).</summary>
    public const string WriterItem = "Dashboard.Writer";

    /// <summary>The writer of this request, for the audit trail.</summary>
    public static Actor WriterOf(HttpContext context) =>
        Actor.From(context, context.Items[WriterItem] as string ?? "API client");

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
