namespace Dashboard.Situation;

/// <summary>When two written names are one source's: the same letters whatever their case and spacing.</summary>
public static class SourceNames
{
    /// <summary>"  Algerian  Interior ministry " and "algerian interior ministry" are one key.</summary>
    public static string KeyOf(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();

    public static bool Same(string one, string other) => KeyOf(one) == KeyOf(other);
}
