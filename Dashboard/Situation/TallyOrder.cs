namespace Dashboard.Situation;

/// <summary>A stable reading order: group, status, then all / foreign / local before countries, organisations last.</summary>
public static class TallyOrder
{
    public static int Compare(Tally a, Tally b) => Compare(a.Key, b.Key);

    public static int Compare(FigureKey a, FigureKey b)
    {
        // As numbers: an enum's own CompareTo takes an object, and boxing both sides of every comparison of every
        // sort on every open screen was an eighth of what the server allocated under load.
        var c = ((int)a.Group).CompareTo((int)b.Group);
        if (c == 0) c = ((int)a.Status).CompareTo((int)b.Status);
        if (c == 0) c = (a.Organisation is null ? 0 : 1).CompareTo(b.Organisation is null ? 0 : 1);
        if (c == 0) c = string.CompareOrdinal(a.Organisation, b.Organisation);
        if (c == 0) c = ScopeRank(a.Scope).CompareTo(ScopeRank(b.Scope));
        if (c == 0) c = string.CompareOrdinal(a.Scope, b.Scope);
        return c;
    }

    private static int ScopeRank(string scope) => scope switch
    {
        Scopes.All => 0,
        Scopes.Foreign => 1,
        Scopes.Local => 2,
        _ => 3,
    };
}
