namespace Dashboard.Briefing;

/// <summary>
/// Arabic letters in the forms their neighbours give them (initial, medial, final, isolated; lam-alef as one), as
/// Unicode's presentation forms: PDFsharp draws one glyph per character and shapes nothing, and unjoined letters read as
/// a child's spelling. Vowel marks are passed over when deciding what joins, and kept.
/// </summary>
public static class ArabicShaping
{
    // Per letter from U+0621: its isolated form, and whether it joins the letter after it (dual) or only the one before.
    private static readonly (char Isolated, bool Dual)?[] Forms = BuildForms();

    public static string Shape(string logical)
    {
        var shaped = new System.Text.StringBuilder(logical.Length);
        for (var i = 0; i < logical.Length; i++)
        {
            var c = logical[i];
            if (FormOf(c) is not { } form)
            {
                shaped.Append(c);
                continue;
            }
            var joinsBefore = Previous(logical, i) is { } before && FormOf(before) is { Dual: true } || Previous(logical, i) == Tatweel;
            var nextIndex = NextIndex(logical, i);
            var next = nextIndex < logical.Length ? logical[nextIndex] : '\0';
            if (c == Lam && LamAlef(next) is { } ligature)
            {
                shaped.Append((char)(ligature + (joinsBefore ? 1 : 0)));
                shaped.Append(logical, i + 1, nextIndex - i - 1); // marks between the two
                i = nextIndex;
                continue;
            }
            var joinsAfter = form.Dual && (FormOf(next) is not null || next == Tatweel);
            shaped.Append((char)(form.Isolated + (joinsBefore, joinsAfter) switch
            {
                (false, false) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (true, true) => 3,
            }));
        }
        return shaped.ToString();
    }

    private const char Lam = '\u0644', Tatweel = '\u0640';

    private static bool IsMark(char c) => c is >= '\u064B' and <= '\u065F' or '\u0670';

    private static char? Previous(string text, int at)
    {
        for (var i = at - 1; i >= 0; i--)
            if (!IsMark(text[i]))
                return text[i];
        return null;
    }

    private static int NextIndex(string text, int at)
    {
        var i = at + 1;
        while (i < text.Length && IsMark(text[i]))
            i++;
        return i;
    }

    // Lam followed by an alef: the ligature's isolated form (its final form is the next code point).
    private static char? LamAlef(char alef) => alef switch
    {
        '\u0622' => '\uFEF5',
        '\u0623' => '\uFEF7',
        '\u0625' => '\uFEF9',
        '\u0627' => '\uFEFB',
        _ => null,
    };

    private static (char Isolated, bool Dual)? FormOf(char c) => c is >= '\u0621' and <= '\u064A' ? Forms[c - '\u0621'] : null;

    private static (char, bool)?[] BuildForms()
    {
        var forms = new (char, bool)?[0x064A - 0x0621 + 1];
        var next = '\uFE80';
        // In code point order: each letter's forms follow one another in Presentation Forms-B (two for a letter that
        // joins only the one before it, four for one that joins both ways; hamza has one).
        const string rightJoining = "\u0622\u0623\u0624\u0625\u0627\u0629\u062F\u0630\u0631\u0632\u0648\u0649";
        for (var c = '\u0621'; c <= '\u064A'; c++)
        {
            if (c is > '\u063A' and < '\u0641')
                continue; // not letters with forms (tatweel among them)
            if (c == '\u0621')
            {
                forms[0] = null; // hamza stands alone
                next++;
                continue;
            }
            var dual = !rightJoining.Contains(c);
            forms[c - '\u0621'] = (next, dual);
            next += (char)(dual ? 4 : 2);
        }
        return forms;
    }
}
