using System.IO.Compression;
using System.IO.Hashing;

namespace Dashboard.Api;

/// <summary>
/// A gzip body whose small start is made per response and whose large rest was compressed once. The start goes in as
/// a stored deflate block (no compression, not the last), which ends on a byte boundary, so the rest's own deflate
/// stream follows it unchanged; the rest never refers back before itself, as it was compressed alone. The trailer's
/// CRC-32 of the whole is the two parts' combined (zlib's crc32_combine), so nothing of the rest is read again. One
/// member, one deflate stream: any gzip reader takes it.
/// </summary>
public static class SplicedGzip
{
    // Magic, deflate, no flags, no time, no extra flags, unknown system (RFC 1952 §2.3).
    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

    /// <summary>The rest of a body, compressed once: its deflate stream (ending in the last block), CRC-32 and length.</summary>
    public sealed record Rest(byte[] Deflated, uint Crc, long Length);

    /// <param name="andThen">More of the rest, compressed with it as one (no copy of a document megabytes long to add its
    /// last brace).</param>
    public static Rest Compress(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> andThen = default)
    {
        using var deflated = new MemoryStream((rest.Length + andThen.Length) / 8);
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(rest);
            deflate.Write(andThen);
        }
        var crc = new Crc32();
        crc.Append(rest);
        crc.Append(andThen);
        var length = rest.Length + andThen.Length;
        // .NET writes nothing at all for nothing; the stream must still end, here in an empty last block (fixed codes).
        return new Rest(length == 0 ? [0x03, 0x00] : deflated.ToArray(), crc.GetCurrentHashAsUInt32(), length);
    }

    /// <summary>The whole gzip body: <paramref name="start"/> as given, then the rest.</summary>
    public static long LengthOf(ReadOnlySpan<byte> start, Rest rest) => Header.Length + StoredBlockHeaderLength + start.Length + rest.Deflated.Length + 8;

    public static async Task WriteAsync(Stream body, ReadOnlyMemory<byte> start, Rest rest, CancellationToken cancellationToken)
    {
        var opening = new byte[Header.Length + StoredBlockHeaderLength + start.Length];
        Header.CopyTo(opening, 0);
        WriteStoredBlock(start.Span, opening.AsSpan(Header.Length));
        await body.WriteAsync(opening, cancellationToken);
        await body.WriteAsync(rest.Deflated, cancellationToken);
        await body.WriteAsync(Trailer(start.Span, rest), cancellationToken);
    }

    // BFINAL 0, BTYPE 00 in the first byte (the other five bits pad to the byte), then LEN and its complement.
    private const int StoredBlockHeaderLength = 5;

    private static void WriteStoredBlock(ReadOnlySpan<byte> data, Span<byte> into)
    {
        if (data.Length > ushort.MaxValue)
            throw new ArgumentException("A stored block holds at most 65,535 bytes.", nameof(data));
        into[0] = 0;
        BitConverter.TryWriteBytes(into[1..3], (ushort)data.Length);
        BitConverter.TryWriteBytes(into[3..5], (ushort)~data.Length);
        data.CopyTo(into[StoredBlockHeaderLength..]);
    }

    private static byte[] Trailer(ReadOnlySpan<byte> start, Rest rest)
    {
        var trailer = new byte[8];
        BitConverter.TryWriteBytes(trailer.AsSpan(0, 4), Crc32Combine(Crc32.HashToUInt32(start), rest.Crc, rest.Length));
        BitConverter.TryWriteBytes(trailer.AsSpan(4, 4), (uint)(start.Length + rest.Length)); // ISIZE: the length mod 2^32
        return trailer;
    }

    /// <summary>The CRC-32 of A then B from the CRC-32s of each and B's length, as zlib's <c>crc32_combine</c> works
    /// it out: B's length in zero bits applied to A's CRC by repeated squaring of the one-zero-bit operator.</summary>
    public static uint Crc32Combine(uint crcA, uint crcB, long lengthB)
    {
        if (lengthB <= 0)
            return crcA;
        Span<uint> even = stackalloc uint[32], odd = stackalloc uint[32];
        odd[0] = 0xEDB88320; // the reflected polynomial: one zero bit
        for (int n = 1, row = 1; n < 32; n++, row <<= 1)
            odd[n] = (uint)row;
        Square(even, odd); // two zero bits
        Square(odd, even); // four
        do
        {
            Square(even, odd); // each pass: a byte's zero bits, then doubling
            if ((lengthB & 1) != 0)
                crcA = Times(even, crcA);
            lengthB >>= 1;
            if (lengthB == 0)
                break;
            Square(odd, even);
            if ((lengthB & 1) != 0)
                crcA = Times(odd, crcA);
            lengthB >>= 1;
        } while (lengthB != 0);
        return crcA ^ crcB;
    }

    private static uint Times(ReadOnlySpan<uint> matrix, uint vector)
    {
        uint sum = 0;
        for (var i = 0; vector != 0; i++, vector >>= 1)
            if ((vector & 1) != 0)
                sum ^= matrix[i];
        return sum;
    }

    private static void Square(Span<uint> square, ReadOnlySpan<uint> matrix)
    {
        for (var n = 0; n < 32; n++)
            square[n] = Times(matrix, matrix[n]);
    }
}
