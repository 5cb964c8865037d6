using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Dashboard.Briefing;

/// <summary>
/// PDFsharp's fonts: DejaVu Sans, regular and bold, and IPA P Gothic for Japanese and Chinese, shipped inside the app
/// (Linux gives PDFsharp no fonts of its own; PDFs embed only the letters they use). DejaVu covers the report's dashes,
/// arrows and "≥", and Latin, Greek, Cyrillic and Arabic names; emoji flags are left out of the PDF's words.
/// </summary>
public sealed class ShippedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    /// <summary>For Japanese and Chinese names: IPA P Gothic (IPA Font License), which DejaVu Sans has no letters for.</summary>
    public const string CjkFamily = "IPAPGothic";

    private const string Regular = "DejaVuSans", Bold = "DejaVuSans-Bold";
    private static readonly ShippedFonts Instance = new();
    private static readonly Lock Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes these PDFsharp's fonts. PDFsharp keeps one resolver per process and wants the same instance whenever it
    /// is set again, so every app in the process (tests start many) sets this one.
    /// </summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
                GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => familyName == CjkFamily
        ? new(CjkFamily, mustSimulateBold: isBold, mustSimulateItalic: isItalic)
        : new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[] GetFont(string faceName) => _faces.GetOrAdd(faceName, static face =>
    {
        using var stream = typeof(ShippedFonts).Assembly.GetManifestResourceStream($"Dashboard.Briefing.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face} is not shipped with the app.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    });
}
