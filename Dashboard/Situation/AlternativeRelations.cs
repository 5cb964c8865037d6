using Dashboard.Localization;

namespace Dashboard.Situation;

/// <summary>How a figure that differs from the headline stands to it.</summary>
public enum AlternativeRelation
{
    /// <summary>Reported before the headline and since superseded (Friday's provisional 12 under Saturday's 23).</summary>
    Earlier,
    /// <summary>The perpetrators' word, or a figure marked claimed.</summary>
    Claim,
    /// <summary>Another source's figure from around the same time as the headline, or reported after it.</summary>
    Disputed,
}

/// <summary>
/// Names each alternative by its relation to the headline, so "2 other figures" reads as what it is: earlier counts are
/// not contradictions, a claim is not a confirmed figure, and a dispute is what an analyst must look at.
/// </summary>
public static class AlternativeRelations
{
    /// <summary>How close in time another source's figure must be to the headline to dispute it rather than precede it.</summary>
    public static readonly TimeSpan DisputeWindow = TimeSpan.FromHours(3);

    public static AlternativeRelation Of(ReportedFigure alternative, ReportedFigure headline) =>
        Of(alternative.IsClaimLike, alternative.Ticks, SameSource(alternative.Source, headline.Source), headline.Ticks);

    /// <summary>The rule on what it needs: whether the alternative is a claim, when each was reported, whether one source said both.</summary>
    public static AlternativeRelation Of(bool claimLike, long alternativeTicks, bool sameSource, long headlineTicks)
    {
        if (claimLike)
            return AlternativeRelation.Claim;
        if (alternativeTicks > headlineTicks)
            return AlternativeRelation.Disputed;
        return !sameSource && headlineTicks - alternativeTicks <= DisputeWindow.Ticks ? AlternativeRelation.Disputed : AlternativeRelation.Earlier;
    }

    /// <summary>A figure reads as a claim when it is marked claimed or is the perpetrators' own word.</summary>
    public static bool IsClaimLike(Qualifier qualifier, Source source) => qualifier == Qualifier.Claimed || source.Kind == SourceKind.Perpetrator;

    /// <summary>Sources are one when their names are, whatever the case.</summary>
    public static bool SameSource(Source one, Source other) => string.Equals(one.Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a card says of its alternatives: "1 claim disputes this · 2 earlier figures"; empty when there are none.</summary>
    public static string Summary(IReadOnlyList<AlternativeFigure> alternatives, bool disputesOnly = false)
    {
        int Count(AlternativeRelation relation) => alternatives.Count(a => a.Relation == relation);
        var parts = new List<string>(3);
        if (Count(AlternativeRelation.Disputed) is > 0 and var disputed)
            parts.Add(Say.Count("Alternatives.Disputed", disputed));
        if (Count(AlternativeRelation.Claim) is > 0 and var claims)
            parts.Add(Say.Count("Alternatives.Claims", claims));
        if (!disputesOnly && Count(AlternativeRelation.Earlier) is > 0 and var earlier)
            parts.Add(Say.Count("Alternatives.Earlier", earlier));
        return string.Join(" · ", parts);
    }

    /// <summary>The dialog's group heading for a relation.</summary>
    public static string Heading(AlternativeRelation relation) => Say.Text($"Alternatives.Heading.{relation}");
}
