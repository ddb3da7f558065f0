using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using AtolOnline.Json;

namespace AtolOnline.Batch.Internal;

/// <summary>
/// The journal's line format (README, "The journal"): one JSON object per line, the last member
/// <c>"crc":"xxxxxxxx"</c> holding the CRC-32 (the zlib/PNG polynomial) of the line's bytes before <c>,"crc":</c>,
/// as 8 lowercase hex digits. Every other member is known and typed; anything else is damage.
/// </summary>
internal static class JournalFormat
{
    /// <summary>Longest journal line accepted (ids, a uuid, the content hash, fiscal data and a bounded error text).</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Error texts are cut to this many characters so that a line always stays far below <see cref="MaxLineBytes"/>.</summary>
    private const int MaxErrorChars = 2000;

    private const int ChecksumSuffixLength = 18; // ,"crc":"xxxxxxxx"}

    private static readonly uint[] CrcTable = CreateCrcTable();

    private static readonly string[] MemberNames =
    [
        "time", "external_id", "operation", "state", "uuid", "sha256", "fn_number", "error_type", "error_text", "error",
        "fiscal_document_number", "fiscal_document_attribute", "error_code", "total", "crc",
    ];

    private static ReadOnlySpan<byte> CrcMember => ",\"crc\":\""u8;

    public static string Wire(JournalState state) => state switch
    {
        JournalState.Pending => "pending",
        JournalState.Sent => "sent",
        JournalState.Done => "done",
        _ => "failed",
    };

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>A 64-bit FNV-1a hash of an external_id: the key of the compact index of final documents (collisions are checked).</summary>
    public static ulong IdHash(string externalId)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in externalId)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Formats one line, its checksum and its line feed.</summary>
    public static byte[] Format(DateTimeOffset time, string externalId, string operation, JournalState state, string? uuid, string? contentHash, AtolReport? report, string? error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, AtolJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time"u8, time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("external_id"u8, externalId);
            writer.WriteString("operation"u8, operation);
            writer.WriteString("state"u8, Wire(state));
            if (uuid is not null)
            {
                writer.WriteString("uuid"u8, uuid);
            }

            if (contentHash is not null)
            {
                writer.WriteString("sha256"u8, contentHash);
            }

            if (report is not null)
            {
                BatchJsonLines.WriteFiscalData(writer, BatchFiscalData.From(report));
                if (report.Error is { } e)
                {
                    writer.WriteString("error_type"u8, e.Type.ToString());
                    writer.WriteNumber("error_code"u8, e.Code);
                    if (e.Text is not null)
                    {
                        writer.WriteString("error_text"u8, Cut(e.Text));
                    }
                }
            }

            if (error is not null)
            {
                writer.WriteString("error"u8, Cut(error));
            }

            writer.WriteEndObject();
        }

        return Seal(buffer.WrittenSpan);
    }

    /// <summary>Appends the checksum member to a complete JSON object (without line feed) and a line feed.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> jsonObject)
    {
        var body = jsonObject[..^1]; // without the closing brace
        byte[] line = new byte[body.Length + ChecksumSuffixLength + 1];
        body.CopyTo(line);
        int at = body.Length;
        CrcMember.CopyTo(line.AsSpan(at));
        at += CrcMember.Length;
        uint crc = Crc32(body);
        for (int shift = 28; shift >= 0; shift -= 4)
        {
            line[at++] = (byte)"0123456789abcdef"[(int)((crc >> shift) & 0xF)];
        }

        line[at++] = (byte)'"';
        line[at++] = (byte)'}';
        line[at] = (byte)'\n';
        return line;
    }

    /// <summary>True when the line ends with a checksum member (whether or not it matches).</summary>
    public static bool HasChecksum(ReadOnlySpan<byte> line) =>
        line.Length > ChecksumSuffixLength + 1 && line.EndsWith("\"}"u8) && line[^ChecksumSuffixLength..^10].SequenceEqual(CrcMember);

    /// <summary>Checks and parses one line (without its line feed); returns the problem, or null.</summary>
    public static string? Parse(ReadOnlySpan<byte> line, out JournalEntry? entry)
    {
        entry = null;
        if (line.IsEmpty)
        {
            return "empty line";
        }

        bool sealedLine = HasChecksum(line);
        if (sealedLine)
        {
            var hex = line[^10..^2];
            if (!Utf8Parser.TryParse(hex, out uint expected, out int used, 'x') || used != 8 || ContainsUpperHex(hex))
            {
                return "the checksum is not 8 lowercase hex digits";
            }

            uint actual = Crc32(line[..^ChecksumSuffixLength]);
            if (actual != expected)
            {
                return $"checksum mismatch (line says {expected:x8}, content gives {actual:x8})";
            }
        }

        try
        {
            return ParseMembers(line, sealedLine, out entry);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return "not a journal record: " + FirstSentence(ex.Message);
        }
    }

    private static string? ParseMembers(ReadOnlySpan<byte> line, bool sealedLine, out JournalEntry? entry)
    {
        entry = null;
        var reader = new Utf8JsonReader(line, AtolJson.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "not a JSON object";
        }

        string? time = null, id = null, operation = null, state = null, uuid = null, hash = null, fn = null, errorType = null, errorText = null, error = null;
        long? fd = null, fp = null, errorCode = null;
        decimal? total = null;
        bool crc = false;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            int bit = 1 << Math.Max(0, Array.IndexOf(MemberNames, name));
            if ((seen & bit) != 0 && Array.IndexOf(MemberNames, name) >= 0)
            {
                return $"member \"{name}\" appears twice";
            }

            seen |= bit;

            reader.Read();
            switch (name)
            {
                case "time": time = Text(ref reader, name); break;
                case "external_id": id = Text(ref reader, name); break;
                case "operation": operation = Text(ref reader, name); break;
                case "state": state = Text(ref reader, name); break;
                case "uuid": uuid = Text(ref reader, name); break;
                case "sha256": hash = Text(ref reader, name); break;
                case "fn_number": fn = Text(ref reader, name); break;
                case "error_type": errorType = Text(ref reader, name); break;
                case "error_text": errorText = Text(ref reader, name); break;
                case "error": error = Text(ref reader, name); break;
                case "fiscal_document_number": fd = Integer(ref reader, name); break;
                case "fiscal_document_attribute": fp = Integer(ref reader, name); break;
                case "error_code": errorCode = Integer(ref reader, name); break;
                case "total":
                    total = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out decimal d) ? d : throw new FormatException("\"total\" is not a number");
                    break;
                case "crc":
                    if (!sealedLine)
                    {
                        return "the \"crc\" member is not the last one";
                    }

                    crc = true;
                    reader.Skip();
                    break;
                default:
                    return $"unknown member \"{name}\"";
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return "not a single JSON object";
        }

        if (time is null || id is null || operation is null || state is null)
        {
            return "a member is missing (time, external_id, operation and state are required)";
        }

        if (id.Length == 0)
        {
            return "empty external_id";
        }

        JournalState? parsed = state switch
        {
            "pending" => JournalState.Pending,
            "sent" => JournalState.Sent,
            "done" => JournalState.Done,
            "failed" => JournalState.Failed,
            _ => null,
        };
        if (parsed is null)
        {
            return $"unknown state \"{state}\"";
        }

        if (parsed is JournalState.Sent or JournalState.Done && string.IsNullOrEmpty(uuid))
        {
            return $"a {state} record without uuid";
        }

        if (hash is not null && (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower)))
        {
            return "\"sha256\" is not 64 lowercase hex digits";
        }

        _ = crc;
        var fiscal = fn is null && fd is null && fp is null && total is null ? null : new BatchFiscalData(fn, fd, fp, total);
        string? failure = error ?? (errorType is not null || errorCode is not null ? $"{errorType}/{errorCode}: {errorText}" : null);
        entry = new JournalEntry(time, id, operation, parsed.Value, uuid, hash, fiscal, failure);
        return null;
    }

    private static string Text(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new FormatException($"\"{name}\" is not a string");

    private static long Integer(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) ? value : throw new FormatException($"\"{name}\" is not an integer");

    private static bool ContainsUpperHex(ReadOnlySpan<byte> hex)
    {
        foreach (byte b in hex)
        {
            if (b is >= (byte)'A' and <= (byte)'F')
            {
                return true;
            }
        }

        return false;
    }

    private static string Cut(string text) => text.Length <= MaxErrorChars ? text : text[..MaxErrorChars] + "…";

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    /// <summary>
    /// Reads <paramref name="stream"/> from its current position line by line with a bounded buffer; a line longer than
    /// <see cref="MaxLineBytes"/> is reported as too long as soon as it crosses the limit, without being kept. A
    /// newline-less end up to that limit is not reported: it is the torn last line
    /// (<see cref="JournalScanEnd.ValidLength"/> &lt; <see cref="JournalScanEnd.Length"/>).
    /// </summary>
    public static async Task<JournalScanEnd> ScanAsync(Stream stream, JournalLineHandler handler, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(2 * MaxLineBytes);
        try
        {
            int start = 0, end = 0;
            long bufferOffset = 0, lineNumber = 0, skipOffset = 0;
            bool skipping = false;
            while (true)
            {
                while (start < end)
                {
                    int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    bool go;
                    if (skipping)
                    {
                        skipping = false; // the end of an over-long line, reported when it crossed the limit
                        go = true;
                    }
                    else if (newline > MaxLineBytes)
                    {
                        go = handler(++lineNumber, bufferOffset + start, default, tooLong: true);
                    }
                    else
                    {
                        go = handler(++lineNumber, bufferOffset + start, buffer.AsSpan(start, newline), tooLong: false);
                    }

                    start += newline + 1;
                    if (!go)
                    {
                        return new JournalScanEnd(bufferOffset + start, bufferOffset + end, lineNumber, true);
                    }
                }

                if (!skipping && end - start > MaxLineBytes)
                {
                    // Reported at once, so that a reader that stops at the first problem does not read a huge file to its end.
                    // An over-long end without line feed is damage too, never a torn write: no line is that long.
                    skipping = true;
                    skipOffset = bufferOffset + start;
                    if (!handler(++lineNumber, skipOffset, default, tooLong: true))
                    {
                        return new JournalScanEnd(skipOffset, bufferOffset + end, lineNumber, true);
                    }
                }

                if (skipping)
                {
                    start = end; // drop what is read of an over-long line: only its start offset is kept
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    bufferOffset += start;
                    end -= start;
                    start = 0;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(end, buffer.Length - end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    long total = bufferOffset + end;
                    return skipping
                        ? new JournalScanEnd(total, total, lineNumber, false) // the over-long end was reported: not a torn line
                        : new JournalScanEnd(bufferOffset, total, lineNumber, false);
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static uint[] CreateCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
