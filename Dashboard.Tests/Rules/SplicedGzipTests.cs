using System.Diagnostics;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Dashboard.Api;

namespace Dashboard.Tests.Rules;

/// <summary>A gzip body made of a start written per response and a rest compressed once reads back as the two, whole.</summary>
public class SplicedGzipTests
{
    private static byte[] Rest(int length)
    {
        // Repetitive, like a tallies document, with enough variety that deflate makes back-references and new blocks.
        var random = new Random(length);
        var text = new StringBuilder();
        while (text.Length < length)
            text.Append($"{{\"status\":\"killed\",\"count\":{random.Next(1000)},\"source\":{{\"name\":\"Source {random.Next(50)}\"}}}},");
        return Encoding.UTF8.GetBytes(text.ToString(0, length));
    }

    private static async Task<byte[]> SplicedAsync(string start, byte[] rest)
    {
        using var body = new MemoryStream();
        var compressed = SplicedGzip.Compress(rest);
        await SplicedGzip.WriteAsync(body, Encoding.UTF8.GetBytes(start), compressed, CancellationToken.None);
        Assert.Equal(SplicedGzip.LengthOf(Encoding.UTF8.GetBytes(start), compressed), body.Length);
        return body.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70_000)]
    [InlineData(3_000_001)]
    public async Task The_start_and_the_rest_read_back_whole_through_dotnets_gzip(int restLength)
    {
        var rest = Rest(restLength);
        const string start = "{\"asOf\":\"2013-01-19T20:00:00+00:00\",\"tallies\":";

        await using var reading = new GZipStream(new MemoryStream(await SplicedAsync(start, rest)), CompressionMode.Decompress);
        using var read = new MemoryStream();
        await reading.CopyToAsync(read);

        Assert.Equal([.. Encoding.UTF8.GetBytes(start), .. rest], read.ToArray());
    }

    [SkippableFact]
    public async Task Gnu_gzip_reads_it_whole_and_finds_its_checksum_and_length_right()
    {
        Skip.If(!File.Exists("/usr/bin/gzip") && !File.Exists("/bin/gzip"), "No gzip program here to read the body with another implementation than .NET's.");
        var rest = Rest(500_000);
        var path = Path.Combine(Path.GetTempPath(), $"spliced-{Guid.NewGuid():N}.gz");
        await File.WriteAllBytesAsync(path, await SplicedAsync("start:", rest));
        try
        {
            // -t checks the CRC-32 and length in the trailer; -c writes what it read.
            using var test = Process.Start(new ProcessStartInfo("gzip", ["-t", path]) { RedirectStandardError = true })!;
            await test.WaitForExitAsync();
            Assert.True(test.ExitCode == 0, await test.StandardError.ReadToEndAsync());
            using var read = Process.Start(new ProcessStartInfo("gzip", ["-dc", path]) { RedirectStandardOutput = true })!;
            using var output = new MemoryStream();
            await read.StandardOutput.BaseStream.CopyToAsync(output);
            await read.WaitForExitAsync();
            Assert.Equal([.. "start:"u8.ToArray(), .. rest], output.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(17, 1000)]
    [InlineData(45, 13_462_122)]
    public void Two_checksums_combine_into_the_checksum_of_the_two_end_to_end(int lengthA, int lengthB)
    {
        var (a, b) = (Rest(lengthA), Rest(lengthB));

        Assert.Equal(Crc32.HashToUInt32([.. a, .. b]), SplicedGzip.Crc32Combine(Crc32.HashToUInt32(a), Crc32.HashToUInt32(b), b.Length));
    }
}
