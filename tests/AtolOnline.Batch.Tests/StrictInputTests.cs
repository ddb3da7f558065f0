using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>Input lines are read as bytes: invalid UTF-8 and over-long lines are invalid outcomes with their line number.</summary>
public sealed class StrictInputTests
{
    private static byte[] Json(int seed, string id) =>
        AtolJson.ToUtf8Bytes(SampleDocuments.Sell(seed, 2, marked: false, agents: false) with { ExternalId = id });

    [Fact]
    public async Task Invalid_utf8_and_over_long_lines_are_invalid_with_their_line_numbers_and_nothing_is_replaced_or_sent()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        var input = new MemoryStream();
        void Line(byte[] bytes)
        {
            input.Write(bytes);
            input.WriteByte((byte)'\n');
        }

        byte[] damaged = Json(2, "strict-2");
        int at = Encoding.UTF8.GetString(damaged).IndexOf("\"name\":\"", StringComparison.Ordinal) + 8;
        damaged[at] = 0xFF; // a byte that is never UTF-8, inside an item name
        input.Write("\uFEFF"u8);  // a byte order mark is allowed before the first line
        Line(Json(1, "strict-1"));                             // 1
        Line(damaged);                                         // 2
        Line(Encoding.UTF8.GetBytes(new string(' ', BatchJsonLines.MaxLineBytes) + "{}")); // 3: over the limit
        Line([]);                                              // 4: empty
        Line([0xC3, 0x28]);                                    // 5: a broken two-byte sequence
        input.Write(Json(6, "strict-6"));                      // 6: the last line without line feed
        input.Position = 0;

        var items = new List<BatchItem>();
        await foreach (var item in BatchJsonLines.ReadAsync(input, AtolV5Operations.Sell, BatchFixtures.Ct))
        {
            items.Add(item);
        }

        Assert.Equal([1L, 2, 3, 5, 6], items.Select(i => i.LineNumber!.Value));
        Assert.Null(items[0].InputError);
        Assert.Contains($"invalid UTF-8 at byte {at}", items[1].InputError, StringComparison.Ordinal);
        Assert.Contains("longer than 256 KiB", items[2].InputError, StringComparison.Ordinal);
        Assert.Contains("invalid UTF-8 at byte 0", items[3].InputError, StringComparison.Ordinal);
        Assert.Equal("strict-6", items[4].ExternalId);

        var outcomes = await JournalFixtures.RunAsync(atol, null, items);
        var byLine = outcomes.ToDictionary(o => o.LineNumber!.Value);
        Assert.Equal(BatchOutcomeKind.Done, byLine[1].Kind);
        Assert.Equal(BatchOutcomeKind.Invalid, byLine[2].Kind);
        Assert.Equal(BatchOutcomeKind.Invalid, byLine[3].Kind);
        Assert.Equal(BatchOutcomeKind.Done, byLine[6].Kind);
        Assert.DoesNotContain(atol.Documents, d => d.ExternalId == "strict-2");
        Assert.DoesNotContain(atol.Documents, d => Encoding.UTF8.GetString(d.Body.Span).Contains('\uFFFD', StringComparison.Ordinal));
    }
}
