using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dashboard.Localization;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Localization;

/// <summary>Every word in every language: no key missing, none a translation leaves its values out of, none the code asks
/// for that is not there.</summary>
public partial class TextResourcesTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "Dashboard", "Localization");

    private static Dictionary<string, string> Read(string language) =>
        XDocument.Load(Path.Combine(Folder, language == Languages.Default ? "Text.resx" : $"Text.{language}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static readonly string[] Categories = ["zero", "one", "two", "few", "many", "other"];

    // "Elapsed.Days.one" is the "one" form of "Elapsed.Days".
    private static (string Base, string? Category) Split(string key) =>
        key.LastIndexOf('.') is var dot and > 0 && Categories.Contains(key[(dot + 1)..]) ? (key[..dot], key[(dot + 1)..]) : (key, null);

    public static TheoryData<string> Translations => [.. Languages.All.Select(l => l.Code).Where(c => c != Languages.Default)];

    [Theory, MemberData(nameof(Translations))]
    public void Every_english_phrase_has_a_translation_with_every_form_the_language_counts_in(string language)
    {
        var english = Read(Languages.Default);
        var translated = Read(language);
        Assert.NotEmpty(english);

        var plainKeys = english.Keys.Where(k => Split(k).Category is null).ToArray();
        var countedPhrases = english.Keys.Select(Split).Where(s => s.Category is not null).Select(s => s.Base).Distinct().ToArray();
        Assert.NotEmpty(countedPhrases);
        var missing = plainKeys.Where(k => !translated.ContainsKey(k))
            .Concat(countedPhrases.SelectMany(p => Plurals.CategoriesOf(language).Select(c => $"{p}.{c}")).Where(k => !translated.ContainsKey(k)))
            .ToArray();
        Assert.True(missing.Length == 0, $"{language} lacks: {string.Join(", ", missing)}");

        var unknown = translated.Keys.Where(k => !english.ContainsKey(k) && !countedPhrases.Contains(Split(k).Base)).ToArray();
        Assert.True(unknown.Length == 0, $"{language} has keys English does not: {string.Join(", ", unknown)}");
    }

    [Theory, MemberData(nameof(Translations))]
    public void A_translation_puts_in_every_value_the_english_does(string language)
    {
        var english = Read(Languages.Default);
        var translated = Read(language);
        // A counted phrase's forms may leave the count out ("رقمان" is "two figures"); every other phrase keeps all its values.
        var broken = english.Where(e => Split(e.Key).Category is null && translated.TryGetValue(e.Key, out var t) && !Placeholders(t).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key}: \"{translated[e.Key]}\"").ToArray();
        Assert.True(broken.Length == 0, string.Join("\n", broken));
        Assert.All(translated, t => Assert.False(string.IsNullOrWhiteSpace(t.Value) && !string.IsNullOrEmpty(english.GetValueOrDefault(t.Key)), t.Key));
    }

    [Fact]
    public void Every_phrase_the_code_asks_for_by_name_is_there()
    {
        var english = Read(Languages.Default);
        var asked = Directory.EnumerateFiles(Path.Combine(Repository.Root, "Dashboard"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".razor")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => AskedFor().Matches(File.ReadAllText(f)).Select(m => (Kind: m.Groups[1].Value, Key: m.Groups[2].Value, File: Path.GetFileName(f))))
            .ToArray();
        Assert.True(asked.Length > 200, $"only {asked.Length} phrases found: is the pattern still right?");

        var absent = asked.Where(a => a.Kind == "Count" ? !english.ContainsKey(a.Key + ".other") : !english.ContainsKey(a.Key))
            .Select(a => $"{a.File}: {a.Key}").Distinct().ToArray();
        Assert.True(absent.Length == 0, string.Join("\n", absent));
    }

    [Theory, MemberData(nameof(Translations))]
    public void The_vocabulary_reads_in_the_language_and_never_as_a_key(string language)
    {
        Languages.In(language, () =>
        {
            var words = Enum.GetValues<FigureGroup>().SelectMany(g => Enum.GetValues<FigureStatus>().Select(s => Terms.Heading(g, s)))
                .Concat(Enum.GetValues<FigureStatus>().SelectMany(s => new[] { Terms.Of(s).Words, Terms.Of(s).ColumnTitle, Terms.Of(s).WordsAtTheEnd }))
                .Concat(Enum.GetValues<FigureGroup>().SelectMany(g => new[] { Terms.Of(g).Words, Terms.HeadingAtTheEnd(g, FigureStatus.Held) }))
                .Concat(Enum.GetValues<SourceKind>().Select(Terms.SourceKindWords))
                .ToArray();
            Assert.All(words, w => Assert.DoesNotMatch(@"^[A-Z][A-Za-z]+\.[A-Za-z.]+$", w));
            Assert.Equal(words.Length, words.Count(w => w.Length > 0));
            Assert.NotEqual(Languages.In(Languages.Default, () => Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed)), Terms.Heading(FigureGroup.Hostages, FigureStatus.Killed));
            return 0;
        });
    }

    [Fact]
    public void Counted_phrases_take_the_form_each_language_gives_the_count()
    {
        Assert.Equal("2 days", Languages.In("en", () => Say.Count("Elapsed.Days", 2)));
        Assert.Equal("1 jour", Languages.In("fr", () => Say.Count("Elapsed.Days", 1)));
        Assert.Equal("2 jours", Languages.In("fr", () => Say.Count("Elapsed.Days", 2)));
        Assert.Equal("2日", Languages.In("ja", () => Say.Count("Elapsed.Days", 2)));
        Assert.Equal("يومان", Languages.In("ar", () => Say.Count("Elapsed.Days", 2)));
        Assert.Equal("5 أيام", Languages.In("ar", () => Say.Count("Elapsed.Days", 5)));
        Assert.Equal("11 يومًا", Languages.In("ar", () => Say.Count("Elapsed.Days", 11)));
        Assert.Equal("100 يوم", Languages.In("ar", () => Say.Count("Elapsed.Days", 100)));
    }

    // What a Razor file may show as it is, not from the resources: codes, addresses and names that are the same in every
    // language, and what the scan takes for text but is code (a generic's angle brackets, a null-conditional).
    private static readonly HashSet<(string File, string Text)> SameInEveryLanguage =
    [
        ("CredentialsPanel.razor", "X-Api-Key"),
        ("AlertsPage.razor", "/api/subscriptions"),
        ("IncidentList.razor", "POST /api/incidents"),
        ("IssuedSitrepsPage.razor", "SITREP"),
        ("IssuedSitrepsPage.razor", "PDF"),
        ("IssuedSitrepsPage.razor", "sha256 …"),
        ("SubscriptionForm.razor", "Words"),
        ("AccountMenu.razor", "?.Name"),
    ];

    [Fact]
    public void No_razor_file_shows_english_words_of_its_own()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repository.Root, "Dashboard", "Components"), "*.razor", SearchOption.AllDirectories).ToArray();
        Assert.True(files.Length > 50, $"only {files.Length} Razor files found");

        var found = files.SelectMany(file => WordsShownIn(File.ReadAllText(file)).Select(text => (File: Path.GetFileName(file), Text: text)))
            .Where(hit => !SameInEveryLanguage.Contains(hit))
            .Select(hit => $"{hit.File}: {hit.Text}").ToArray();

        Assert.True(found.Length == 0, "English outside the resources:\n" + string.Join("\n", found));
        Assert.NotEmpty(WordsShownIn("<p>Nothing changed.</p><b title=\"Grade\">@Say.Text(\"Alt.Grade\")</b>"));
    }

    // Text between tags and in the attributes a person reads or hears, with every Razor expression taken out first.
    private static IEnumerable<string> WordsShownIn(string razor)
    {
        var markup = RazorComment().Replace(razor, "");
        if (markup.IndexOf("@code", StringComparison.Ordinal) is var code and >= 0)
            markup = markup[..code];
        foreach (System.Text.RegularExpressions.Match text in BetweenTags().Matches(markup))
        {
            var left = Expression().Replace(text.Groups[1].Value, "");
            if (!CodeMarks().IsMatch(left) && Word().IsMatch(left))
                yield return left.Trim();
        }
        foreach (System.Text.RegularExpressions.Match attribute in ReadAttribute().Matches(markup))
            yield return $"{attribute.Groups[1].Value}={attribute.Groups[2].Value}";
    }

    [GeneratedRegex(@"@\*.*?\*@", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@">([^<>]*)<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex(@"@\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)|@[A-Za-z_][\w.]*(?:\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))?(?:\.[A-Za-z_]\w*(?:\([^()]*\))?)*(?:\[[^\]]*\])?")]
    private static partial Regex Expression();

    [GeneratedRegex(@"[{}();=]")]
    private static partial Regex CodeMarks();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(aria-label|title|placeholder|Label|Text|HelperText|Title|AriaLabel|alt|What)=""([^""@]*[A-Za-z]{2,}[^""]*)""")]
    private static partial Regex ReadAttribute();

    [GeneratedRegex(@"Say\.(Text|Format|Count)\(""([A-Za-z][A-Za-z0-9.]*)""")]
    private static partial Regex AskedFor();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];
}
