using PdfSharp.Drawing;

namespace Dashboard.Briefing;

/// <summary>
/// A line of the report as it is drawn: split where its script needs another font (Japanese and Chinese in IPA P Gothic,
/// everything else in DejaVu Sans, which has Latin, Greek, Cyrillic and Arabic letters) and laid out in its direction.
/// PDFsharp neither falls back between fonts nor lays out right-to-left text, so this does both, simply: Arabic is
/// shaped (<see cref="ArabicShaping"/>) and drawn from the right; a right-to-left line (an Arabic report's) puts its
/// first words at the right; punctuation between words of two directions goes the line's way; brackets in Arabic are
/// mirrored. Enough for names, figures and sentences; not a full Unicode bidirectional algorithm.
/// </summary>
public static class ScriptRuns
{
    /// <summary>A stretch drawn with one font in one go, its characters in drawing order (left to right).</summary>
    public readonly record struct Run(string Text, bool Cjk, bool RightToLeft);

    /// <summary>The runs of <paramref name="text"/> in the order they are drawn, left to right.</summary>
    public static IReadOnlyList<Run> Visual(string text, bool rightToLeft)
    {
        var directions = Resolve(text, rightToLeft);
        var runs = new List<Run>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
            if (i == text.Length || directions[i] != directions[start])
            {
                runs.AddRange(directions[start] ? Backwards(text[start..i]) : ByFont(text[start..i], rightToLeft: false));
                start = i;
            }
        if (rightToLeft)
            runs.Reverse();
        return runs;
    }

    /// <summary>The width of <paramref name="text"/> as <see cref="Draw"/> draws it.</summary>
    public static double Measure(XGraphics graphics, string text, XFont font, XFont cjk, bool rightToLeft = false) =>
        Visual(text, rightToLeft).Sum(run => graphics.MeasureString(run.Text, run.Cjk ? cjk : font).Width);

    /// <summary>Draws <paramref name="text"/> in the box from <paramref name="x"/>, <paramref name="width"/> wide, at the
    /// box's left, or its right when the line reads right to left.</summary>
    public static void Draw(XGraphics graphics, string text, XFont font, XFont cjk, XBrush brush, double x, double y, double width = 0, bool rightToLeft = false)
    {
        var runs = Visual(text, rightToLeft);
        if (rightToLeft)
            x += width - runs.Sum(run => graphics.MeasureString(run.Text, run.Cjk ? cjk : font).Width);
        foreach (var run in runs)
        {
            var face = run.Cjk ? cjk : font;
            graphics.DrawString(run.Text, face, brush, x, y, XStringFormats.TopLeft);
            x += graphics.MeasureString(run.Text, face).Width;
        }
    }

    // Each character's direction: true for right to left. Arabic is, other letters and digits are not; anything else
    // (spaces, punctuation) goes with its neighbours when both go one way, and with the line otherwise.
    private static bool[] Resolve(string text, bool rightToLeft)
    {
        var strong = text.Select(c => IsArabic(c) ? true : char.IsLetterOrDigit(c) ? false : (bool?)null).ToArray();
        var resolved = new bool[text.Length];
        bool? before = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (strong[i] is { } known)
            {
                (resolved[i], before) = (known, known);
                continue;
            }
            var after = strong.Skip(i + 1).FirstOrDefault(s => s is not null);
            resolved[i] = before is { } b && after is { } a && a == b ? b : rightToLeft;
        }
        return resolved;
    }

    // A right-to-left stretch: shaped, its characters turned to drawing order, its brackets facing the right way.
    private static IEnumerable<Run> Backwards(string logical) =>
        ByFont(new string(ArabicShaping.Shape(logical).Reverse().Select(Mirrored).ToArray()), rightToLeft: true);

    private static IEnumerable<Run> ByFont(string text, bool rightToLeft)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
            if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]) && !char.IsWhiteSpace(text[i]))
            {
                yield return new Run(text[start..i], IsCjk(text[start]), rightToLeft);
                start = i;
            }
    }

    private static char Mirrored(char c) => c switch
    {
        '(' => ')', ')' => '(', '[' => ']', ']' => '[', '«' => '»', '»' => '«', '<' => '>', '>' => '<', '{' => '}', '}' => '{',
        _ => c,
    };

    private static bool IsCjk(char c) => c is >= '\u3000' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    private static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF'
        or >= '\uFE70' and <= '\uFEFF';
}
