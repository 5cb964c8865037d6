using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Bunit;
using Dashboard.Components;
using Dashboard.Components.Situation;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>
/// HTML written by hand (shared cards and timeline events, plain elements dressed as MudBlazor's) encodes every value it
/// is given, and uses only class names MudBlazor still has: an upgrade that renames one fails here, not on the screen.
/// </summary>
public partial class HandWrittenMarkupTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private const string Hostile = "<img src=x onerror=\"alert(1)\"> & 'quotes'";

    private static readonly Incident Incident = new(1, "test", "Test", "DZ", "Africa/Algiers", DateTimeOffset.Parse("2013-01-16T05:00:00+01:00"), "In Amenas");

    [Fact]
    public void Text_and_attribute_values_are_encoded_and_markup_goes_in_as_made()
    {
        var html = new HtmlBuilder()
            .Open("p", "one \"two\"", ("title", Hostile)).Text(Hostile).Markup(new HtmlBuilder().Element("b", null, "bold").ToMarkup()).Close("p")
            .ToString();

        var p = new HtmlParser().ParseDocument(html).Body!.FirstElementChild!;
        Assert.Equal("p", p.LocalName);
        Assert.Equal("one \"two\"", p.GetAttribute("class"));
        Assert.Equal(Hostile, p.GetAttribute("title"));
        Assert.Equal(Hostile + "bold", p.TextContent);
        Assert.Equal(["B"], p.Children.Select(child => child.TagName));
    }

    [Fact]
    public void A_timeline_event_shows_what_it_was_sent_as_text_never_as_markup()
    {
        var entry = new TimelineEntry(DateTimeOffset.Parse("2013-01-17T12:00:00+01:00"), Hostile, "<script>alert(2)</script>", ["GB"],
            new Source("<b>Agency</b>", SourceKind.Media), "r-1");

        var item = new HtmlParser().ParseDocument(TimelineMarkup.Of(entry, Incident).Value).Body!.FirstElementChild!;

        Assert.Contains(Hostile, item.TextContent);
        Assert.Contains("<script>alert(2)</script>", item.TextContent);
        Assert.Contains("<b>Agency</b>", item.TextContent);
        Assert.Empty(item.QuerySelectorAll("script, b, img:not(.flag)"));
        Assert.Single(item.QuerySelectorAll("img.flag[src='flags/gb.svg']"));
    }

    [Fact]
    public async Task Every_MudBlazor_class_the_app_writes_by_hand_is_one_MudBlazor_has()
    {
        var written = HandWrittenClasses();
        Assert.NotEmpty(written);

        var known = (await StylesheetClassesAsync()).Concat(ClassesMudBlazorRenders()).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(written.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal));
    }

    // Every mud-… class in the app's components (razor and C#), with MudBlazor's "hover:" prefix where it has one.
    private static SortedSet<string> HandWrittenClasses()
    {
        var components = Path.Combine(Repository.Root, "Dashboard", "Components") + Path.DirectorySeparatorChar;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Repository.AppSources(".razor", ".cs").Where(f => f.StartsWith(components)))
            foreach (Match match in MudClassName().Matches(File.ReadAllText(file)))
                names.Add(match.Value);
        return names;
    }

    // The class selectors of MudBlazor's stylesheet, as the app serves it.
    private async Task<IEnumerable<string>> StylesheetClassesAsync()
    {
        var css = await app.CreateClient().GetStringAsync("/_content/MudBlazor/MudBlazor.min.css");
        return CssClassSelector().Matches(css).Select(m => m.Groups[1].Value.Replace("\\:", ":"));
    }

    // Classes MudBlazor's components put on their elements with no rule of their own (the markers the app imitates).
    private static IEnumerable<string> ClassesMudBlazorRenders()
    {
        using var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        string[] rendered =
        [
            context.Render<MudButton>(p => p.Add(b => b.Variant, Variant.Filled).Add(b => b.Color, Color.Primary).Add(b => b.Size, Size.Medium)).Markup,
            context.Render<MudButton>(p => p.Add(b => b.Variant, Variant.Text).Add(b => b.Color, Color.Default).Add(b => b.Size, Size.Small)).Markup,
            context.Render<MudIconButton>(p => p.Add(b => b.Icon, Icons.Material.Filled.LightMode).Add(b => b.Color, Color.Inherit)).Markup,
        ];
        return rendered.SelectMany(markup => ClassAttribute().Matches(markup)).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"(?<![\w-])(?:hover:)?mud-[a-z0-9-]+")]
    private static partial Regex MudClassName();

    [GeneratedRegex(@"\.((?:[a-zA-Z0-9_-]|\\:)+)")]
    private static partial Regex CssClassSelector();

    [GeneratedRegex("class=\"([^\"]*)\"")]
    private static partial Regex ClassAttribute();
}
