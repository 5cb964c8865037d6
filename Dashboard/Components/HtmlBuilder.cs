using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components;

/// <summary>
/// HTML written in C# (cards and timeline events made once and shared by every screen) that encodes by default: every
/// text and attribute value goes through the HTML encoder; markup goes in as is only when it already is a
/// <see cref="MarkupString"/>, which the app makes only with a builder like this one. Tag and attribute names are the
/// code's own constants, never data.
/// </summary>
public sealed class HtmlBuilder
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private readonly StringBuilder _html = new();

    /// <summary><c>&lt;tag class="…" name="value"…&gt;</c>, with no class attribute when <paramref name="cssClass"/> is null.</summary>
    public HtmlBuilder Open(string tag, string? cssClass = null, params ReadOnlySpan<(string Name, string Value)> attributes)
    {
        StartTag(tag, cssClass, attributes);
        _html.Append('>');
        return this;
    }

    /// <summary>An element with no content and no end tag (<c>&lt;img … /&gt;</c>).</summary>
    public HtmlBuilder Void(string tag, string? cssClass = null, params ReadOnlySpan<(string Name, string Value)> attributes)
    {
        StartTag(tag, cssClass, attributes);
        _html.Append(" />");
        return this;
    }

    public HtmlBuilder Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only <paramref name="text"/>, encoded.</summary>
    public HtmlBuilder Element(string tag, string? cssClass, string text) => Open(tag, cssClass).Text(text).Close(tag);

    public HtmlBuilder Text(string text)
    {
        _html.Append(Encoder.Encode(text));
        return this;
    }

    public HtmlBuilder Number(int number)
    {
        _html.Append(number.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Markup made elsewhere (a flag, a grade): already HTML, so it is not encoded again.</summary>
    public HtmlBuilder Markup(MarkupString markup)
    {
        _html.Append(markup.Value);
        return this;
    }

    public MarkupString ToMarkup() => new(_html.ToString());

    /// <summary>How much markup has been written so far: where a later part of it starts.</summary>
    public int Length => _html.Length;

    public override string ToString() => _html.ToString();

    private void StartTag(string tag, string? cssClass, ReadOnlySpan<(string Name, string Value)> attributes)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null)
            Attribute("class", cssClass);
        foreach (var (name, value) in attributes)
            Attribute(name, value);
    }

    private void Attribute(string name, string value)
    {
        _html.Append(' ').Append(name).Append("=\"");
        _html.Append(Encoder.Encode(value)).Append('"');
    }
}
