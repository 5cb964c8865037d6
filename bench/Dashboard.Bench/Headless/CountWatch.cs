using System.Collections.Concurrent;
using System.Buffers.Binary;
using System.Diagnostics;

namespace Dashboard.Bench.Headless;

/// <summary>
/// The counts a load run writes, and when each circuit first received a render batch carrying each of them. A count
/// is looked for as a whole string of digits in the batch's string table, so the page's other numbers never match.
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

    /// <summary>Marks in <paramref name="seen"/> (per write, the receive timestamp) each watched count the batch carries.</summary>
    public void Match(ReadOnlySpan<byte> batch, long receivedAt, long[] seen)
    {
        if (batch.Length < 20)
            return;
        var tableStart = BinaryPrimitives.ReadInt32LittleEndian(batch[^4..]);
        var count = (batch.Length - 20 - tableStart) / 4;
        for (var i = 0; i < count; i++)
        {
            var position = BinaryPrimitives.ReadInt32LittleEndian(batch.Slice(tableStart + i * 4, 4));
            var length = batch[position];
            // Counts are short: a one-byte length prefix and at most nine digits.
            if (length is 0 or > 9)
                continue;
            var digits = batch.Slice(position + 1, length);
            var value = 0;
            var allDigits = true;
            foreach (var b in digits)
            {
                if (b is < (byte)'0' or > (byte)'9') { allDigits = false; break; }
                value = value * 10 + (b - '0');
            }
            if (allDigits && _writeOfCount.TryGetValue(value, out var write) && seen[write] == 0)
                seen[write] = receivedAt;
        }
    }
}
