using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Dashboard.Localization;

namespace Dashboard.Situation;

/// <summary>
/// The Admiralty (NATO) grading of intelligence: how reliable a source is (A–F) and how credible one piece of its
/// information is (1–6), said together as "B2". It informs the reader; it never picks the headline.
/// </summary>
public static class Admiralty
{
    public static readonly IReadOnlyList<Reliability> Reliabilities = [.. "ABCDEF".Select(code => new Reliability(code.ToString()))];

    public static readonly IReadOnlyList<Credibility> Credibilities = [.. Enumerable.Range(1, 6).Select(code => new Credibility(code))];

    /// <summary>A grade's letter and its meaning in the reader's language: "B", "usually reliable".</summary>
    public sealed record Reliability(string Code)
    {
        public string Words => Say.Text($"Grade.Reliability.{Code}");
    }

    /// <summary>A credibility's number and its meaning in the reader's language: 2, "probably true".</summary>
    public sealed record Credibility(int Code)
    {
        public string Words => Say.Text($"Grade.Credibility.{Code}");
    }

    /// <summary>The value that stands for "not graded" where one is chosen (a history filter's address).</summary>
    public const string Ungraded = "ungraded";

    /// <summary>"ungraded" in the reader's language.</summary>
    public static string UngradedWords => Say.Text("Grade.Ungraded");

    public static string ReliabilityRule => Say.Text("Valid.ReliabilityRule");
    public static string CredibilityRule => Say.Text("Valid.CredibilityRule");

    /// <summary>"usually reliable"; "ungraded" for none.</summary>
    public static string ReliabilityWords(string? code) => code is null ? UngradedWords : Reliabilities[code[0] - 'A'].Words;

    public static bool IsReliability(string? code) => code is { Length: 1 } && code[0] is >= 'A' and <= 'F';

    public static bool IsCredibility(int? code) => code is >= 1 and <= 6;

    /// <summary>Whether either half of a grade was given.</summary>
    public static bool IsGraded(string? reliability, int? credibility) => reliability is not null || credibility is not null;

    /// <summary>"B2"; a part not graded is a dash ("B–", "–2"); "ungraded" when neither is.</summary>
    public static string Code(string? reliability, int? credibility) => CodeWhenGraded(reliability, credibility) ?? UngradedWords;

    /// <summary>"B2", "B–", "–2"; null when neither half was given (the API then leaves the grade out).</summary>
    public static string? CodeWhenGraded(string? reliability, int? credibility) => IsGraded(reliability, credibility)
        ? $"{reliability ?? "–"}{credibility?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"}"
        : null;

    /// <summary>"source usually reliable (B), information probably true (2)", for a title or a screen reader.</summary>
    public static string Words(string? reliability, int? credibility) =>
        Say.Format("Grade.Words",
            reliability is null ? Say.Text("Grade.NotGraded") : Say.Format("Grade.Part", ReliabilityWords(reliability), reliability),
            credibility is { } c ? Say.Format("Grade.Part", Credibilities[c - 1].Words, c) : Say.Text("Grade.NotGraded"));
}

/// <summary>
/// The reliability Analysts gave the sources of one incident, by source name (as case-blind as the sources are), and
/// the figures as they read with it. A grade is the Analysts' present view of a source, so every moment shows it.
/// </summary>
public sealed class SourceGrades
{
    public static readonly SourceGrades None = new(ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase));

    // A graded figure is made once per grading, so that a state that changes no grade hands screens the same figures.
    private readonly ConditionalWeakTable<Tally, Tally> _graded = new();

    private SourceGrades(ImmutableDictionary<string, string> bySource) => BySource = bySource;

    public ImmutableDictionary<string, string> BySource { get; }

    public string? ReliabilityOf(string sourceName) => BySource.GetValueOrDefault(sourceName);

    /// <summary>These grades with one source's changed (null: ungraded).</summary>
    public SourceGrades With(string sourceName, string? reliability) =>
        new(reliability is null ? BySource.Remove(sourceName) : BySource.SetItem(sourceName, reliability));

    /// <summary>The figure with its source's reliability and its alternatives' (the same figure when none is graded).</summary>
    public Tally Apply(Tally tally)
    {
        if (BySource.Count == 0 || (!BySource.ContainsKey(tally.Source.Name) && !tally.Alternatives.Any(a => BySource.ContainsKey(a.Source.Name))))
            return tally;
        return _graded.GetValue(tally, t => t with
        {
            Reliability = ReliabilityOf(t.Source.Name),
            Alternatives = t.Alternatives.Select(a => a with { Reliability = ReliabilityOf(a.Source.Name) }).ToArray(),
        });
    }
}
