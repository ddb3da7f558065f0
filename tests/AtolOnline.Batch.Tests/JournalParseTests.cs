using System.Globalization;
using System.Text;
using AtolOnline.Batch.Internal;
using AtolOnline.Protocol;
using static AtolOnline.Batch.Tests.JournalForge;

namespace AtolOnline.Batch.Tests;

/// <summary>The line parser member by member, its exact problem messages, and the line scanner's edges.</summary>
public sealed class JournalParseTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string? Parse(string line, out JournalEntry? entry) => JournalFormat.Parse(Encoding.UTF8.GetBytes(line.TrimEnd('\n')), out entry);

    private static string? Problem(string line) => Parse(line, out _);

    [Fact]
    public void Every_member_is_read_back_exactly()
    {
        string line = Sealed("p-1", "done", $",\"uuid\":\"u-1\",\"sha256\":\"{Hash}\",\"fn_number\":\"9999078900001234\",\"fiscal_document_number\":17,\"fiscal_document_attribute\":3449555941,\"total\":120.50,\"error_type\":\"agent\",\"error_code\":2003,\"error_text\":\"bad INN\"");

        Assert.Null(Parse(line, out var entry));

        Assert.Equal(new JournalEntry(Time, "p-1", "sell", JournalState.Done, "u-1", Hash, new BatchFiscalData("9999078900001234", 17, 3449555941, 120.50m), "agent/2003: bad INN"), entry);
        Assert.Equal("120.50", entry!.Fiscal!.Total!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("", null, "")] // no fiscal data, no error
    [InlineData(",\"total\":1.5", "|||1.5", "")]
    [InlineData(",\"fiscal_document_number\":5", "|5||", "")]
    [InlineData(",\"fn_number\":\"99\"", "99|||", "")]
    [InlineData(",\"fiscal_document_attribute\":7", "||7|", "")]
    [InlineData(",\"error\":\"refused\",\"error_type\":\"agent\",\"error_code\":1", null, "refused")] // the plain error wins
    [InlineData(",\"error_type\":\"system\"", null, "system/: ")]
    [InlineData(",\"error_code\":7", null, "/7: ")]
    [InlineData(",\"error_text\":\"only text\"", null, "")] // a text alone is no error
    public void Fiscal_data_and_the_failure_are_built_only_from_the_members_present(string extra, string? fiscal, string failure)
    {
        Assert.Null(Parse(Sealed("p-2", "failed", extra), out var entry));

        var f = entry!.Fiscal;
        Assert.Equal(fiscal, f is null ? null : $"{f.FnNumber}|{f.FiscalDocumentNumber}|{f.FiscalDocumentAttribute}|{f.Total?.ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(failure == "" ? null : failure, entry.Error);
    }

    [Theory]
    [InlineData("time", "\"2026-11-28T12:00:01Z\"")]
    [InlineData("external_id", "\"p-3\"")]
    [InlineData("operation", "\"buy\"")]
    [InlineData("state", "\"sent\"")]
    [InlineData("uuid", "\"u-3\"")]
    [InlineData("sha256", "\"" + Hash + "\"")]
    [InlineData("fn_number", "\"1\"")]
    [InlineData("error_type", "\"agent\"")]
    [InlineData("error_text", "\"t\"")]
    [InlineData("error", "\"e\"")]
    [InlineData("fiscal_document_number", "1")]
    [InlineData("fiscal_document_attribute", "1")]
    [InlineData("error_code", "1")]
    [InlineData("total", "1")]
    [InlineData("crc", "\"00000000\"")]
    public void A_member_twice_is_refused_naming_it(string name, string value)
    {
        string member = $",\"{name}\":{value}";
        string line = Sealed("p-3", "done", ",\"uuid\":\"u-3\"" + member + member);
        if (name is "uuid" or "time" or "external_id" or "operation" or "state")
        {
            line = Sealed("p-3", "done", ",\"uuid\":\"u-3\"" + member);
        }

        Assert.Equal($"member \"{name}\" appears twice", Problem(line));
    }

    [Fact]
    public void A_crc_member_before_the_last_one_is_refused_whatever_its_value()
    {
        Assert.Equal("the \"crc\" member is not the last one", Problem(Legacy("p-4", "pending", ",\"crc\":\"00000000\",\"uuid\":\"u\"")));
        // in a sealed line an earlier "crc" is skipped whole (an object here), then the real one is a repeat
        Assert.Equal("member \"crc\" appears twice", Problem(Sealed("p-4", "pending", ",\"crc\":{\"a\":1}")));
    }

    [Theory]
    [InlineData("", "empty line")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("\"text\"", "not a JSON object")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"state\":\"pending\"}", "a member is missing (time, external_id, operation and state are required)")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"\",\"operation\":\"sell\",\"state\":\"pending\"}", "empty external_id")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"lost\"}", "unknown state \"lost\"")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"done\"}", "a done record without uuid")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"sent\",\"uuid\":\"\"}", "a sent record without uuid")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"pending\",\"x\":1}", "unknown member \"x\"")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"pending\",\"total\":\"1\"}", "not a journal record: \"total\" is not a number")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"pending\",\"error_code\":1.5}", "not a journal record: \"error_code\" is not an integer")]
    [InlineData("{\"time\":1,\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"pending\"}", "not a journal record: \"time\" is not a string")]
    [InlineData("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\",\"operation\":\"sell\",\"state\":\"pending\"} {}", "not a journal record: '{' is invalid after a single JSON value")]
    public void Each_problem_has_its_exact_message(string line, string problem)
    {
        Assert.Equal(problem, Problem(line));
        if (line.StartsWith('{') && line.EndsWith('}') && !line.Contains("} {", StringComparison.Ordinal))
        {
            Assert.Equal(problem, Problem(JournalText.Seal(line))); // the same with a good checksum
        }
    }

    [Fact]
    public void The_content_hash_must_be_64_lowercase_hex_digits()
    {
        Assert.Null(Parse(Sealed("p-5", "pending", $",\"sha256\":\"{Hash}\""), out var entry));
        Assert.Equal(Hash, entry!.ContentHash);
        const string Refused = "\"sha256\" is not 64 lowercase hex digits";
        Assert.Equal(Refused, Problem(Sealed("p-5", "pending", $",\"sha256\":\"{Hash.ToUpperInvariant()}\"")));
        Assert.Equal(Refused, Problem(Sealed("p-5", "pending", $",\"sha256\":\"{Hash[1..]}\"")));
        Assert.Equal(Refused, Problem(Sealed("p-5", "pending", $",\"sha256\":\"{Hash}0\"")));
    }

    [Fact]
    public void A_checksum_in_uppercase_is_refused_even_when_its_only_letter_is_A()
    {
        // find a line whose checksum has the letter a and no other letter: only 'A' then tells upper from lower case
        string line = Enumerable.Range(0, 10_000).Select(i => Sealed($"p-{i}", "pending"))
            .First(l => Crc(l) is var hex && hex.Contains('a', StringComparison.Ordinal) && !hex.Any(c => c is >= 'b' and <= 'f'));
        Assert.Null(Problem(line));
        string upper = line.Replace($"\"crc\":\"{Crc(line)}\"", $"\"crc\":\"{Crc(line).ToUpperInvariant()}\"", StringComparison.Ordinal);

        Assert.Equal("the checksum is not 8 lowercase hex digits", Problem(upper));
        Assert.Equal("the checksum is not 8 lowercase hex digits", Problem(line.Replace($"\"crc\":\"{Crc(line)}\"", "\"crc\":\"0000000g\"", StringComparison.Ordinal)));
    }

    private static string Crc(string line) => line.TrimEnd('\n')[^10..^2];

    [Fact]
    public void A_checksum_member_is_recognised_only_after_some_content()
    {
        Assert.True(JournalFormat.HasChecksum("{\"a\":1,\"crc\":\"00000000\"}"u8));
        Assert.True(JournalFormat.HasChecksum("{a,\"crc\":\"00000000\"}"u8)); // 20 bytes: the shortest
        Assert.False(JournalFormat.HasChecksum("{,\"crc\":\"00000000\"}"u8)); // 19 bytes: the member alone
        Assert.False(JournalFormat.HasChecksum("{\"a\":1,\"crc\":\"00000000\"} "u8));
        Assert.False(JournalFormat.HasChecksum("{\"a\":1,\"cr\":\"000000000\"}"u8));
        Assert.False(JournalFormat.HasChecksum("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"p\"}"u8));
    }

    [Fact]
    public void The_id_hash_is_FNV_1a_over_both_bytes_of_each_UTF_16_unit()
    {
        foreach (string id in new[] { "", "order-1", "заказ-1", "\u0100\u0001" })
        {
            ulong expected = 14695981039346656037UL;
            foreach (byte b in Encoding.Unicode.GetBytes(id))
            {
                expected = (expected ^ b) * 1099511628211UL;
            }

            Assert.Equal(expected, JournalFormat.IdHash(id));
        }
    }

    [Fact]
    public void A_report_error_is_written_with_its_type_code_and_text_and_read_back_combined()
    {
        var time = new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.Zero);
        string withText = Encoding.UTF8.GetString(JournalFormat.Format(time, "e-1", "sell", JournalState.Failed, "u-1", null, Report("""{"error_id":"7a1c","code":2003,"text":"bad INN","type":"agent"}"""), null));
        Assert.Equal(JournalText.Seal("{\"time\":\"2026-12-01T09:30:15.0000000Z\",\"external_id\":\"e-1\",\"operation\":\"sell\",\"state\":\"failed\",\"uuid\":\"u-1\",\"error_type\":\"Agent\",\"error_code\":2003,\"error_text\":\"bad INN\"}"), withText);
        Assert.Null(Parse(withText, out var entry));
        Assert.Equal("Agent/2003: bad INN", entry!.Error);

        string withoutText = Encoding.UTF8.GetString(JournalFormat.Format(time, "e-2", "sell", JournalState.Failed, "u-2", null, Report("""{"error_id":"7a1c","code":1,"text":null,"type":"system"}"""), null));
        Assert.Equal(JournalText.Seal("{\"time\":\"2026-12-01T09:30:15.0000000Z\",\"external_id\":\"e-2\",\"operation\":\"sell\",\"state\":\"failed\",\"uuid\":\"u-2\",\"error_type\":\"System\",\"error_code\":1}"), withoutText);
    }

    [Fact]
    public void A_long_error_is_cut_to_2000_characters_and_an_ellipsis()
    {
        var time = new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.Zero);
        Assert.Null(Parse(Encoding.UTF8.GetString(JournalFormat.Format(time, "e-3", "sell", JournalState.Failed, null, null, null, new string('x', 2001))), out var cut));
        Assert.Equal(new string('x', 2000) + "…", cut!.Error);
        Assert.Null(Parse(Encoding.UTF8.GetString(JournalFormat.Format(time, "e-3", "sell", JournalState.Failed, null, null, null, new string('x', 2000))), out var whole));
        Assert.Equal(new string('x', 2000), whole!.Error);
    }

    private static AtolReport Report(string error) => AtolReport.Parse(AtolProtocolVersion.V5, Encoding.UTF8.GetBytes(
        $$"""{"uuid":"u","timestamp":"05.03.2026 14:02:11","status":"fail","group_code":"g","external_id":"e","error":{{error}},"warnings":null,"callback_url":"","daemon_code":"d","device_code":"KKT000120","payload":null}"""));

    private static async Task<(List<(long Number, long Offset, string? Line)> Lines, JournalScanEnd End)> ScanAsync(byte[] data, Func<long, bool>? go = null)
    {
        var lines = new List<(long, long, string?)>();
        var end = await JournalFormat.ScanAsync(new MemoryStream(data), (number, offset, line, tooLong) =>
        {
            lines.Add((number, offset, tooLong ? null : Encoding.UTF8.GetString(line)));
            return go?.Invoke(number) ?? true;
        }, BatchFixtures.Ct);
        return (lines, end);
    }

    [Fact]
    public async Task The_scanner_reads_lines_across_its_buffer_boundaries_exactly()
    {
        var text = new StringBuilder();
        var expected = new List<(long, long, string?)>();
        for (int i = 0; i < 6000; i++)
        {
            string line = $"line {i} " + new string((char)('a' + (i % 26)), i % 97);
            expected.Add((i + 1, text.Length, line));
            text.Append(line).Append('\n');
        }

        text.Append("torn");
        Assert.True(text.Length > 2 * 2 * JournalFormat.MaxLineBytes); // the scanner's buffer is filled several times

        var (lines, end) = await ScanAsync(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.Equal(expected, lines);
        Assert.Equal(new JournalScanEnd(text.Length - 4, text.Length, 6000, false), end);
    }

    [Fact]
    public async Task An_over_long_line_is_reported_with_its_number_and_offset_whether_its_end_is_read_at_once_or_not()
    {
        // 70 000 bytes: its line feed is in the first read; 300 000 bytes: it is reported before its end is read
        string text = "first\n" + new string('x', 70_000) + "\nmiddle\n" + new string('y', 300_000) + "\nlast\n" + new string('z', 140_000);

        var (lines, end) = await ScanAsync(Encoding.UTF8.GetBytes(text));

        long second = 6, third = 6 + 70_001, fourth = third + 7, fifth = fourth + 300_001, sixth = fifth + 5;
        Assert.Equal([(1L, 0L, "first"), (2L, second, null), (3L, third, "middle"), (4L, fourth, null), (5L, fifth, "last"), (6L, sixth, null)], lines);
        Assert.Equal(new JournalScanEnd(text.Length, text.Length, 6, false), end); // an over-long end is damage, not a torn line
    }

    [Fact]
    public async Task A_handler_that_stops_ends_the_scan_after_its_line()
    {
        var (lines, end) = await ScanAsync("one\ntwo\nthree\n"u8.ToArray(), number => number < 2);

        Assert.Equal([(1L, 0L, "one"), (2L, 4L, "two")], lines);
        Assert.Equal(new JournalScanEnd(8, 14, 2, true), end);

        var (none, empty) = await ScanAsync([]);
        Assert.Empty(none);
        Assert.Equal(new JournalScanEnd(0, 0, 0, false), empty);
    }
}
