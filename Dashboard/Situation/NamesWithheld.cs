using System.Text.RegularExpressions;

namespace Dashboard.Situation;

/// <summary>Text for everyone — the wall, the feed — which never carries a named person.</summary>
public static class NamesWithheld
{
    /// <summary>Takes any named person of the incident out of a text, in case an event title or a reason carries a name.</summary>
    public static string From(string text, IReadOnlyCollection<string> namedPeople)
    {
        foreach (var name in namedPeople)
        {
            // Names like "Peter (surname not given)": the first name alone is what a title would carry.
            var bare = name.Split('(')[0].Trim();
            if (bare.Length >= 2)
                text = Regex.Replace(text, $@"\b{Regex.Escape(bare)}\b", "[name withheld]", RegexOptions.IgnoreCase);
        }
        return text;
    }
}
