using System.Buffers.Binary;
using System.Text;

namespace Dashboard.Bench.Headless;

/// <summary>
/// The strings a render batch carries. A batch ends with five little-endian int32 offsets, the last of them the
/// string table's: a run of int32 positions up to that 20-byte trailer, each pointing at a length-prefixed UTF-8 string.
/// </summary>
public static class RenderBatchStrings
{
    private const int TrailerLength = 5 * sizeof(int);

    /// <summary>Whether any string of the batch is exactly <paramref name="text"/> (whole strings: a page is full of digits).</summary>
    public static bool Contains(ReadOnlySpan<byte> batch, string text)
    {
        Span<byte> wanted = stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        wanted = wanted[..Encoding.UTF8.GetBytes(text, wanted)];
        foreach (var value in Strings(batch))
            if (batch.Slice(value.Start, value.Length).SequenceEqual(wanted))
                return true;
        return false;
    }

    /// <summary>Every string of the batch, decoded (for looking at a batch, not for the timing path).</summary>
    public static IReadOnlyList<string> Decode(ReadOnlySpan<byte> batch)
    {
        var list = new List<string>();
        foreach (var value in Strings(batch))
            list.Add(Encoding.UTF8.GetString(batch.Slice(value.Start, value.Length)));
        return list;
    }

    private static List<(int Start, int Length)> Strings(ReadOnlySpan<byte> batch)
    {
        var result = new List<(int, int)>();
        if (batch.Length < TrailerLength)
            return result;
        var tableStart = BinaryPrimitives.ReadInt32LittleEndian(batch[^sizeof(int)..]);
        var count = (batch.Length - TrailerLength - tableStart) / sizeof(int);
        for (var i = 0; i < count; i++)
        {
            var position = BinaryPrimitives.ReadInt32LittleEndian(batch.Slice(tableStart + i * sizeof(int), sizeof(int)));
            var (length, prefix) = ReadLength(batch[position..]);
            result.Add((position + prefix, length));
        }
        return result;
    }

    // BinaryWriter's 7-bit variable-length integer.
    private static (int Value, int Bytes) ReadLength(ReadOnlySpan<byte> data)
    {
        int value = 0, shift = 0, read = 0;
        byte current;
        do
        {
            current = data[read++];
            value |= (current & 0x7F) << shift;
            shift += 7;
        } while ((current & 0x80) != 0);
        return (value, read);
    }
}
