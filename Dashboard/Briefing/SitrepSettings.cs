namespace Dashboard.Briefing;

/// <summary>Issued situation reports (<c>Sitrep</c> in configuration).</summary>
public sealed class SitrepSettings
{
    public const string Section = "Sitrep";

    /// <summary>The handling markings a report may carry ("OFFICIAL", "OFFICIAL-SENSITIVE"); empty: none may be chosen.</summary>
    public List<string> Markings { get; set; } = [];

    /// <summary>The longest key points an issuer may write.</summary>
    public const int MaxSummaryLength = 4000;
}
