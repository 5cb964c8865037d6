using System.Collections.Immutable;

namespace Dashboard.Situation;

/// <summary>A source record as the log gives it: its names (folded), and the source it relays, if any.</summary>
public sealed record SourceRecord(string Name, SourceKind Kind, IReadOnlyList<string> Aliases, string? Relays, string? Reliability);

/// <summary>
/// Who each name a report was filed under stands for, in one incident: every spelling of a source (case and spacing
/// aside) and every alias merged into it reads as that one source, and a source that relays another's word reads as the
/// originator, via it. A name first seen stands for itself, with the kind it was first given, as its record was made.
/// </summary>
public sealed class SourceBook
{
    public static readonly SourceBook Empty = new(ImmutableDictionary<string, Source>.Empty, ImmutableDictionary<string, string>.Empty);

    // Folded name → the record it belongs to (its own name and kind); a record's name → the record it relays.
    private readonly ImmutableDictionary<string, Source> _byKey;
    private readonly ImmutableDictionary<string, string> _relays;

    private SourceBook(ImmutableDictionary<string, Source> byKey, ImmutableDictionary<string, string> relays) => (_byKey, _relays) = (byKey, relays);

    /// <summary>Every source record, by its own name.</summary>
    public IEnumerable<Source> Records => _byKey.Values.Distinct();

    /// <summary>The record a name belongs to, as itself (not what it relays); null for a name never reported.</summary>
    public Source? RecordOf(string name) => _byKey.GetValueOrDefault(SourceNames.KeyOf(name));

    /// <summary>The record a source relays, by name; null when it relays none.</summary>
    public string? RelaysOf(string name) => _relays.GetValueOrDefault(SourceNames.KeyOf(name));

    /// <summary>The book with a name first seen in a report: it stands for itself.</summary>
    public SourceBook Seen(Source reported) =>
        _byKey.ContainsKey(SourceNames.KeyOf(reported.Name)) ? this : new(_byKey.Add(SourceNames.KeyOf(reported.Name), reported with { Via = null }), _relays);

    /// <summary>The book with a record as it now stands: its names read as it, and a name it no longer has (renamed) goes.</summary>
    public SourceBook With(SourceRecord record)
    {
        var own = new Source(record.Name, record.Kind);
        var byKey = _byKey.ToBuilder();
        foreach (var (key, source) in _byKey)
            if (SourceNames.Same(source.Name, record.Name) || record.Aliases.Contains(key))
                byKey[key] = own;
        foreach (var alias in record.Aliases)
            byKey[alias] = own;
        byKey[SourceNames.KeyOf(record.Name)] = own;
        var relays = _relays.Remove(SourceNames.KeyOf(record.Name));
        if (record.Relays is { } originator)
            relays = relays.SetItem(SourceNames.KeyOf(record.Name), originator);
        return new(byKey.ToImmutable(), relays);
    }

    /// <summary>Who a report's source is: its record, or, for one that relays, the originator via it.</summary>
    public Source Resolve(Source reported)
    {
        var record = _byKey.GetValueOrDefault(SourceNames.KeyOf(reported.Name)) ?? reported;
        if (_relays.GetValueOrDefault(SourceNames.KeyOf(record.Name)) is { } originator && _byKey.GetValueOrDefault(SourceNames.KeyOf(originator)) is { } origin)
            return origin with { Via = record.Name };
        return record;
    }
}
