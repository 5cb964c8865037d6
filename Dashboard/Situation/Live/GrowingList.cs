using System.Collections;

namespace Dashboard.Situation.Live;

/// <summary>
/// An ordered list that readers may hold while it grows. It is a view of the first <see cref="Count"/> items of a
/// buffer; adding to the newest view writes past the end of every view already handed out, so no holder ever sees a
/// change, and costs no copy. Anything else (an insertion before the end, a replacement, adding to an older view)
/// copies. Changed by one writer at a time.
/// </summary>
public sealed class GrowingList<T> : IReadOnlyList<T>
{
    public static readonly GrowingList<T> Empty = new(new Buffer([]), 0);

    private sealed class Buffer(T[] items)
    {
        public T[] Items { get; } = items;
        public int Used { get; set; }
    }

    private readonly Buffer _buffer;

    private GrowingList(Buffer buffer, int count) => (_buffer, Count) = (buffer, count);

    public int Count { get; }

    public T this[int index] => (uint)index < (uint)Count ? _buffer.Items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The items as one span, for searches that must not go through the list item by item.</summary>
    public ReadOnlySpan<T> AsSpan() => _buffer.Items.AsSpan(0, Count);

    public GrowingList<T> Add(T item)
    {
        if (_buffer.Used == Count && Count < _buffer.Items.Length)
        {
            _buffer.Items[Count] = item;
            _buffer.Used = Count + 1;
            return new GrowingList<T>(_buffer, Count + 1);
        }
        return Copy(Math.Max(4, Count * 2), (items, count) => items[count] = item, Count + 1);
    }

    public GrowingList<T> Insert(int index, T item)
    {
        if (index == Count)
            return Add(item);
        return Copy(Math.Max(4, Count * 2), (items, count) =>
        {
            Array.Copy(items, index, items, index + 1, count - index);
            items[index] = item;
        }, Count + 1);
    }

    public GrowingList<T> SetItem(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return Copy(_buffer.Items.Length, (items, _) => items[index] = item, Count);
    }

    private GrowingList<T> Copy(int capacity, Action<T[], int> change, int count)
    {
        var items = new T[Math.Max(capacity, count)];
        Array.Copy(_buffer.Items, items, Count);
        change(items, Count);
        return new GrowingList<T>(new Buffer(items) { Used = count }, count);
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return _buffer.Items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
