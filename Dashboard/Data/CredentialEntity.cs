namespace Dashboard.Data;

public enum CredentialKind
{
    ApiKey,
    WallToken,
}

/// <summary>
/// A secret an Admin issued: an API key for a program that writes reports, or a display token for a wall. Only a
/// SHA-256 hash of the secret is kept; the secret itself is shown once, when it is created.
/// </summary>
public sealed class CredentialEntity
{
    public long Id { get; set; }
    public CredentialKind Kind { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }

    /// <summary>The first characters of the secret, so an Admin can tell keys apart without seeing them.</summary>
    public required string Hint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    /// <summary>For a wall token, the incidents (slugs, space-separated) it may show; null for every incident.</summary>
    public string? Incidents { get; set; }
}
