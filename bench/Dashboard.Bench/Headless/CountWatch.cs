using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.Bench.Headless;

/// <summary>
/// The counts a load run writes, and when each circuit first received a render batch carrying each of them. A count
/// is looked for as a whole string of digits, or as a card's count in a card's HTML, in the batch's string table, so
/// the page's other numbers never match.
/// </summary>
public sealed class CountWatch(int capacity)
{
    private readonly ConcurrentDictionary<int, int> _writeOfCount = new();
    private readonly long[] _sentAt = new long[capacity];

    public int Capacity => capacity;

    /// <summary>Notes the moment write <paramref name="write"/>, carrying <paramref name="count"/>, is sent.</summary>
    public void Sending(int write, int count)
    {
        _sentAt[write] = Stopwatch.GetTimestamp();
        _writeOfCount[count] = write;
    }

    public long SentAt(int write) => _sentAt[write];

    // A situation page's card arrives as finished HTML (TallyCardView): its count follows this.
    private static ReadOnlySpan<byte> CountSpan => "class=\"tally-count\">"u8;

    /// <summary>
    /// Marks in <paramref name="seen"/> (per write, the receive timestamp) each watched count the batch carries: as a
    /// string of its own (a wall's count, a text frame) or as a card's count inside a card's HTML.
    /// </summary>
    public void Match(ReadOnlySpan<byte> batch, long receivedAt, long[] seen)
    {
        var strings = new RenderBatchStrings(batch);
        for (var i = 0; i < strings.Count; i++)
        {
            var text = strings[i];
            if (text.Length <= 9)
                Note(text, receivedAt, seen);
            else
                for (var at = text.IndexOf(CountSpan); at >= 0; at = Next(text, at))
                {
                    var digits = text[(at + CountSpan.Length)..];
                    var end = digits.IndexOf((byte)'<');
                    if (end > 0)
                        Note(digits[..end], receivedAt, seen);
                }
        }
    }

    private static int Next(ReadOnlySpan<byte> text, int at)
    {
        var rest = text[(at + 1)..].IndexOf(CountSpan);
        return rest < 0 ? -1 : at + 1 + rest;
    }

    private void Note(ReadOnlySpan<byte> digits, long receivedAt, long[] seen)
    {
        if (digits.Length is 0 or > 9)
            return;
        var value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return;
            value = value * 10 + (b - '0');
        }
        if (_writeOfCount.TryGetValue(value, out var write) && seen[write] == 0)
            seen[write] = receivedAt;
    }
}
