using System.Text.RegularExpressions;
using Dashboard.Situation;

namespace Dashboard.Components.Wall;

/// <summary>Wording for the wall, which shows counts for everyone in the room and never a named person.</summary>
public static class WallText
{
    /// <summary>Takes any named person of the incident out of a text, in case an event title carries a name.</summary>
    public static string WithoutNames(string text, IReadOnlyCollection<string> namedPeople)
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
