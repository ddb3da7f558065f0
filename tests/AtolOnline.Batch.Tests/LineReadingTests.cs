using System.Text;
using AtolOnline.Batch.Internal;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The bounded line reader under the batch's input, at its edges: a line of exactly the limit and one byte more, with
/// and without a line feed, lines split across reads and across the buffer's compaction, an over-long line skipped
/// while it is still arriving; then the JSON Lines readers' argument checks, limits and messages.
/// </summary>
public sealed class LineReadingTests
{
    private const int Max = 8;

    [Fact]
    public async Task Lines_come_back_without_their_line_feed_numbered_and_the_last_may_lack_one()
    {
        var lines = await ReadAllAsync("ab\ncd\n\nef"u8.ToArray(), Max);

        Assert.Equal([(1L, "ab", false), (2L, "cd", false), (3L, "", false), (4L, "ef", false)], lines);
    }

    [Fact]
    public async Task An_empty_stream_has_no_lines_and_a_final_line_feed_adds_none()
    {
        Assert.Empty(await ReadAllAsync([], Max));
        Assert.Equal([(1L, "ab", false)], await ReadAllAsync("ab\n"u8.ToArray(), Max));
    }

    [Fact]
    public async Task A_line_of_exactly_the_limit_is_read_and_one_byte_more_is_too_long()
    {
        var lines = await ReadAllAsync("12345678\n123456789\nok\n"u8.ToArray(), Max);

        Assert.Equal([(1L, "12345678", false), (2L, "", true), (3L, "ok", false)], lines);
    }

    [Fact]
    public async Task A_last_line_without_line_feed_after_another_line_is_measured_from_its_own_start()
    {
        // The last line starts 2 bytes into the buffer: its length is end - start, not end + start.
        Assert.Equal([(1L, "a", false), (2L, "12345678", false)], await ReadAllAsync("a\n12345678"u8.ToArray(), Max));
        Assert.Equal([(1L, "a", false), (2L, "", true)], await ReadAllAsync("a\n123456789"u8.ToArray(), Max));
    }

    [Fact]
    public async Task A_line_of_exactly_the_limit_that_arrives_before_its_line_feed_is_not_dropped()
    {
        // The first read ends exactly at the limit with no line feed yet: the line must be kept, not skipped.
        var lines = await ReadAllAsync(new ChunkedStream("12345678"u8.ToArray(), "\nok"u8.ToArray()), Max);

        Assert.Equal([(1L, "12345678", false), (2L, "ok", false)], lines);
    }

    [Fact]
    public async Task An_over_long_line_is_skipped_while_it_arrives_and_the_next_line_is_whole()
    {
        // 10,000 bytes without a line feed arrive over several reads: the reader drops them as they come (its buffer
        // is 4 KiB) and still reports one too-long line, then the short line after it, exactly.
        byte[] data = [.. Enumerable.Repeat((byte)'x', 10_000), .. "\nok\n"u8.ToArray(), .. Enumerable.Repeat((byte)'y', 9_000)];
        var lines = await ReadAllAsync(new ChunkedStream(Split(data, 1_000)), Max);

        Assert.Equal([(1L, "", true), (2L, "ok", false), (3L, "", true)], lines);
    }

    [Fact]
    public async Task Many_lines_through_a_small_buffer_are_read_whole_across_its_compaction()
    {
        // 20,000 bytes through a 4 KiB buffer, in reads of 333 bytes: lines straddle reads and the buffer's start
        // moves back to 0 many times; every line must come back intact and in order.
        var text = new StringBuilder();
        for (int i = 0; i < 2_000; i++)
        {
            text.Append(NumberedLine(i)).Append('\n');
        }

        var lines = await ReadAllAsync(new ChunkedStream(Split(Encoding.ASCII.GetBytes(text.ToString()), 333)), 64);

        Assert.Equal(2_000, lines.Count);
        Assert.All(lines, l => Assert.Equal((NumberedLine((int)l.Number - 1), false), (l.Text, l.TooLong)));
    }

    [Fact]
    public async Task Disposing_the_reader_twice_is_harmless()
    {
        var reader = new Utf8LineReader(new MemoryStream("a\n"u8.ToArray()), Max);
        Assert.True(await reader.ReadAsync(Ct));
        reader.Dispose();
        reader.Dispose();
    }

    [Fact]
    public async Task The_stream_reader_checks_its_arguments_before_reading()
    {
        var noInput = await Assert.ThrowsAsync<ArgumentNullException>(async () => await Drain(BatchJsonLines.ReadAsync((Stream)null!, AtolV5Operations.Sell, Ct)));
        Assert.Equal("input", noInput.ParamName);
        var noOperation = await Assert.ThrowsAsync<ArgumentNullException>(async () => await Drain(BatchJsonLines.ReadAsync(new MemoryStream(), (AtolOperation<V5.ReceiptRequest>)null!, Ct)));
        Assert.Equal("operation", noOperation.ParamName);
    }

    [Fact]
    public async Task The_text_reader_checks_its_arguments_before_reading()
    {
        var noInput = await Assert.ThrowsAsync<ArgumentNullException>(async () => await Drain(BatchJsonLines.ReadAsync((TextReader)null!, AtolV5Operations.Sell, Ct)));
        Assert.Equal("input", noInput.ParamName);
        var noOperation = await Assert.ThrowsAsync<ArgumentNullException>(async () => await Drain(BatchJsonLines.ReadAsync(new StringReader(""), (AtolOperation<V5.ReceiptRequest>)null!, Ct)));
        Assert.Equal("operation", noOperation.ParamName);
    }

    [Fact]
    public async Task The_text_reader_takes_a_line_of_exactly_the_limit_and_refuses_one_character_more()
    {
        // A document padded with spaces (JSON allows them) to exactly the limit, then to one character more.
        string document = AtolJson.ToJsonString(SampleDocuments.Sell(1, 1, marked: false, agents: false) with { ExternalId = "lr-limit" });
        string atLimit = document + new string(' ', BatchJsonLines.MaxLineBytes - document.Length);
        var items = await Drain(BatchJsonLines.ReadAsync(new StringReader(atLimit + "\n\n" + atLimit + " \n"), AtolV5Operations.Sell, Ct));

        Assert.Equal([1L, 3L], items.Select(i => i.LineNumber!.Value));
        Assert.Equal(("lr-limit", (string?)null), (items[0].ExternalId, items[0].InputError));
        Assert.Equal(("", "the line is longer than 256 KiB (ATOL documents are far smaller); not sent"), (items[1].ExternalId, items[1].InputError));
    }

    [Fact]
    public async Task A_document_without_external_id_is_unreadable_with_its_line_number_from_either_reader()
    {
        string withId = AtolJson.ToJsonString(SampleDocuments.Sell(1, 1, marked: false, agents: false) with { ExternalId = "lr-1" });
        string withoutId = AtolJson.ToJsonString(SampleDocuments.Sell(2, 1, marked: false, agents: false) with { ExternalId = "" });
        string text = withId + "\n" + withoutId + "\n";

        foreach (var items in new[]
                 {
                     await Drain(BatchJsonLines.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), AtolV5Operations.Sell, Ct)),
                     await Drain(BatchJsonLines.ReadAsync(new StringReader(text), AtolV5Operations.Sell, Ct)),
                 })
        {
            Assert.Equal(2, items.Count);
            Assert.Equal(("lr-1", "sell", (string?)null, 1L), (items[0].ExternalId, items[0].Operation, items[0].InputError, items[0].LineNumber!.Value));
            Assert.Equal(("", "", "external_id is required in a batch", 2L), (items[1].ExternalId, items[1].Operation, items[1].InputError, items[1].LineNumber!.Value));
        }
    }

    [Fact]
    public async Task The_stream_reader_names_the_limit_in_kibibytes()
    {
        byte[] data = [.. Enumerable.Repeat((byte)' ', BatchJsonLines.MaxLineBytes + 1), (byte)'\n'];
        var items = await Drain(BatchJsonLines.ReadAsync(new MemoryStream(data), AtolV5Operations.Sell, Ct));

        Assert.Equal("the line is longer than 256 KiB (ATOL documents are far smaller); not sent", Assert.Single(items).InputError);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NumberedLine(int i) => $"line-{i:D5}-" + new string((char)('a' + (i % 26)), i % 40);

    private static byte[][] Split(byte[] data, int size) => data.Chunk(size).ToArray();

    private static Task<List<(long Number, string Text, bool TooLong)>> ReadAllAsync(byte[] data, int max) =>
        ReadAllAsync(new MemoryStream(data), max);

    private static async Task<List<(long Number, string Text, bool TooLong)>> ReadAllAsync(Stream stream, int max)
    {
        var lines = new List<(long, string, bool)>();
        using var reader = new Utf8LineReader(stream, max);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.Line.Span), reader.TooLong));
        }

        Assert.False(await reader.ReadAsync(Ct)); // and stays at its end
        return lines;
    }

    private static async Task<List<BatchItem>> Drain(IAsyncEnumerable<BatchItem> items)
    {
        var list = new List<BatchItem>();
        await foreach (var item in items.WithCancellation(Ct))
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>A stream that returns its data in the given pieces, one per read (never more than asked).</summary>
    private sealed class ChunkedStream(params byte[][] chunks) : Stream
    {
        private int _chunk;
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_chunk == chunks.Length)
            {
                return 0;
            }

            int n = Math.Min(buffer.Length, chunks[_chunk].Length - _at);
            chunks[_chunk].AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            if (_at == chunks[_chunk].Length)
            {
                (_chunk, _at) = (_chunk + 1, 0);
            }

            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
