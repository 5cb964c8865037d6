using System.Buffers.Binary;
using System.Text;

namespace Dashboard.Bench.Headless;

/// <summary>
/// The strings a render batch carries. A batch ends with five little-endian int32 offsets, the last of them the
/// string table's: a run of int32 positions up to that 20-byte trailer, each pointing at a length-prefixed UTF-8 string.
/// Read in place, without copying: the load client reads every batch of thousands of circuits.
/// </summary>
public readonly ref struct RenderBatchStrings
{
    private const int TrailerLength = 5 * sizeof(int);
    private readonly ReadOnlySpan<byte> _batch;
    private readonly int _tableStart;

    public RenderBatchStrings(ReadOnlySpan<byte> batch)
    {
        _batch = batch;
        if (batch.Length < TrailerLength)
            return;
        _tableStart = BinaryPrimitives.ReadInt32LittleEndian(batch[^sizeof(int)..]);
        Count = (batch.Length - TrailerLength - _tableStart) / sizeof(int);
    }

    public int Count { get; }

    /// <summary>The UTF-8 bytes of string <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var position = BinaryPrimitives.ReadInt32LittleEndian(_batch.Slice(_tableStart + index * sizeof(int), sizeof(int)));
            var (length, prefix) = ReadLength(_batch[position..]);
            return _batch.Slice(position + prefix, length);
        }
    }

    /// <summary>Every string of the batch, decoded (for looking at a batch, not for the timing path).</summary>
    public static IReadOnlyList<string> Decode(ReadOnlySpan<byte> batch)
    {
        var strings = new RenderBatchStrings(batch);
        var list = new List<string>(strings.Count);
        for (var i = 0; i < strings.Count; i++)
            list.Add(Encoding.UTF8.GetString(strings[i]));
        return list;
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
