using PdfSharp.Drawing;

namespace Dashboard.Briefing;

/// <summary>
/// A line of the report split where its script needs another font: Japanese and Chinese names in IPA P Gothic,
/// everything else in DejaVu Sans (which has Latin, Greek, Cyrillic and Arabic letters). PDFsharp neither falls back
/// between fonts nor lays out right-to-left text, so Arabic runs are drawn in reading order from the right, their
/// letters unjoined: legible and extractable, not typeset.
/// </summary>
public static class ScriptRuns
{
    public readonly record struct Run(string Text, bool Cjk, bool RightToLeft);

    public static IEnumerable<Run> Of(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
            if (i == text.Length || KindOf(text[i]) != KindOf(text[start]) && !char.IsWhiteSpace(text[i]))
            {
                var kind = KindOf(text[start]);
                yield return new Run(text[start..i], kind == Script.Cjk, kind == Script.Arabic);
                start = i;
            }
    }

    /// <summary>The width of <paramref name="text"/> as <see cref="Draw"/> draws it.</summary>
    public static double Measure(XGraphics graphics, string text, XFont font, XFont cjk) =>
        Of(text).Sum(run => graphics.MeasureString(run.Text, run.Cjk ? cjk : font).Width);

    /// <summary>Draws <paramref name="text"/> from its top left corner, each run in its font.</summary>
    public static void Draw(XGraphics graphics, string text, XFont font, XFont cjk, XBrush brush, double x, double y)
    {
        foreach (var run in Of(text))
        {
            var face = run.Cjk ? cjk : font;
            var shown = run.RightToLeft ? new string(run.Text.Reverse().ToArray()) : run.Text;
            graphics.DrawString(shown, face, brush, x, y, XStringFormats.TopLeft);
            x += graphics.MeasureString(run.Text, face).Width;
        }
    }

    private enum Script { Other, Cjk, Arabic }

    private static Script KindOf(char c) => c switch
    {
        >= '\u3000' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF'
            or >= '\uFF00' and <= '\uFFEF' => Script.Cjk,
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => Script.Arabic,
        _ => Script.Other,
    };
}
