using System.Text;
using AtolOnline.Batch.Internal;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The journal's line format is a promise to every journal already on disk: a line written today must read the same in
/// the next version. Pinned byte for byte, with the checksum computed here by a second, bitwise CRC-32 (zlib polynomial),
/// so that a change to the writer's table-driven CRC cannot hide behind the reader sharing it.
/// </summary>
public sealed class JournalLineFormatTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 1, 9, 30, 15, 250, TimeSpan.FromHours(3));

    [Fact]
    public void The_checksum_is_the_standard_CRC_32()
    {
        Assert.Equal(0xCBF43926u, JournalFormat.Crc32("123456789"u8));
        Assert.Equal(0u, JournalFormat.Crc32([]));
        var random = new Random(17);
        for (int i = 0; i < 200; i++)
        {
            byte[] data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            Assert.Equal(BitwiseCrc32(data), JournalFormat.Crc32(data));
        }
    }

    [Fact]
    public void A_pending_line_is_written_byte_for_byte_as_journals_on_disk_have_it()
    {
        string hash = new('a', 64);
        string line = Encoding.UTF8.GetString(JournalFormat.Format(Time, "order-1", "sell", JournalState.Pending, null, hash, null, null));

        string body = """{"time":"2026-12-01T06:30:15.2500000Z","external_id":"order-1","operation":"sell","state":"pending","sha256":""" + "\"" + hash + "\"";
        Assert.Equal(body + $",\"crc\":\"{BitwiseCrc32(Encoding.UTF8.GetBytes(body)):x8}\"}}\n", line);
    }

    [Fact]
    public void A_failed_line_keeps_its_uuid_and_error()
    {
        string line = Encoding.UTF8.GetString(JournalFormat.Format(Time, "order-2", "buy", JournalState.Failed, "u-2", null, null, "refused: \"bad\""));

        string body = """{"time":"2026-12-01T06:30:15.2500000Z","external_id":"order-2","operation":"buy","state":"failed","uuid":"u-2","error":""" + "\"refused: \\\"bad\\\"\"";
        Assert.Equal(body + $",\"crc\":\"{BitwiseCrc32(Encoding.UTF8.GetBytes(body)):x8}\"}}\n", line);
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
