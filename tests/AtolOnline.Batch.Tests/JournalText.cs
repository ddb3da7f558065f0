using System.Text;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// Journal lines written the way the README describes them, with a CRC-32 computed here independently of the
/// library: tests can forge well-sealed lines with bad content, and the documented format is checked by construction.
/// </summary>
internal static class JournalText
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>Seals a JSON object (one line, no line feed): <c>{...,"crc":"xxxxxxxx"}</c> plus a line feed.</summary>
    public static string Seal(string jsonObject)
    {
        string body = jsonObject[..^1];
        return body + ",\"crc\":\"" + Crc32(Encoding.UTF8.GetBytes(body)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "\"}\n";
    }

    /// <summary>The journal's lines (without line feeds).</summary>
    public static string[] Lines(string path) => File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Byte offset of line <paramref name="lineNumber"/> (1-based).</summary>
    public static long OffsetOf(string path, int lineNumber)
    {
        var bytes = File.ReadAllBytes(path);
        long offset = 0;
        for (int line = 1; line < lineNumber; line++)
        {
            offset = Array.IndexOf(bytes, (byte)'\n', (int)offset) + 1;
        }

        return offset;
    }

    /// <summary>Replaces line <paramref name="lineNumber"/> (1-based) by <paramref name="replacement"/> (with its line feed).</summary>
    public static void ReplaceLine(string path, int lineNumber, string replacement)
    {
        var lines = Lines(path);
        lines[lineNumber - 1] = replacement.TrimEnd('\n');
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}
