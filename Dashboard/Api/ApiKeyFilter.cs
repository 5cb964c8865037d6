using System.Security.Cryptography;
using System.Text;

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
        if (presented.Length == 0 || !Matches(presented, options.CurrentValue.ApiKeys))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: $"Writes need the {HeaderName} header set to one of the keys in Ingest:ApiKeys.");
        }
        return await next(context);
    }

    private static bool Matches(string presented, IEnumerable<string> keys)
    {
        // Hashing first makes every comparison the same length, so timing tells nothing about the key.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in keys.Where(k => !string.IsNullOrWhiteSpace(k)))
            match |= CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return match;
    }
}
