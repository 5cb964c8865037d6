using Microsoft.AspNetCore.Components;

namespace Dashboard.Components;

/// <summary>
/// A component that renders again only when what it shows has changed. A live write re-renders every open screen of
/// the incident, and most of a screen is the same after it: with thousands of screens open, each part that skips its
/// render is server CPU and garbage saved on every one of them.
/// </summary>
/// <typeparam name="TShown">A record struct of what the markup shows: compared without boxing, because every open
/// screen asks each of its parts on every write.</typeparam>
public abstract class RendersOnChange<TShown> : ComponentBase where TShown : struct, IEquatable<TShown>
{
    private TShown? _rendered;

    /// <summary>
    /// Everything the markup depends on (parameters, the component's own state, text worked out from the clock), as one
    /// value that is equal whenever the markup would be the same: records, values and <see cref="SameItems{T}"/>.
    /// </summary>
    protected abstract TShown Shown { get; }

    protected override bool ShouldRender()
    {
        var shown = Shown;
        if (_rendered is { } rendered && rendered.Equals(shown))
            return false;
        _rendered = shown;
        return true;
    }

    // The first render does not ask ShouldRender.
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _rendered ??= Shown;
    }
}

/// <summary>A list compared item by item, for <see cref="RendersOnChange{TShown}.Shown"/>: each live state builds new lists of mostly the same items.</summary>
public readonly struct SameItems<T>(IReadOnlyList<T> items) : IEquatable<SameItems<T>>
{
    private readonly IReadOnlyList<T> _items = items;

    public bool Equals(SameItems<T> other)
    {
        if (ReferenceEquals(_items, other._items))
            return true;
        if (_items is null || other._items is null || _items.Count != other._items.Count)
            return false;
        for (var i = 0; i < _items.Count; i++)
            if (!EqualityComparer<T>.Default.Equals(_items[i], other._items[i]))
                return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is SameItems<T> other && Equals(other);

    public override int GetHashCode() => _items?.Count ?? 0;
}
