using System.Text;

namespace AtolOnline.Batch.Tests;

/// <summary>The journal is verified when opened, never repaired behind the user's back; only a torn last line is cut.</summary>
public sealed class JournalIntegrityTests
{
    [Fact]
    public async Task A_damaged_middle_line_is_refused_naming_file_line_and_offset_and_the_file_is_unchanged()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = await JournalFixtures.DoneJournalAsync(atol, 10, "damaged");
        var lines = JournalText.Lines(path);
        Assert.Equal(30, lines.Length);
        // one flipped character in the uuid of line 14 (a sent line): still valid JSON, but the checksum fails
        JournalText.ReplaceLine(path, 14, lines[13].Replace("\"uuid\":\"", "\"uuid\":\"0", StringComparison.Ordinal));
        byte[] before = await File.ReadAllBytesAsync(path, BatchFixtures.Ct);

        var ex = await Assert.ThrowsAsync<JournalCorruptException>(() => FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct));

        Assert.Equal(14, ex.LineNumber);
        Assert.Equal(JournalText.OffsetOf(path, 14), ex.ByteOffset);
        Assert.Equal(Path.GetFullPath(path), ex.Path);
        Assert.Contains("checksum", ex.Problem, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 14", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, BatchFixtures.Ct));
        // ... and the journal is free again: the refusal released it
        await Assert.ThrowsAsync<JournalCorruptException>(() => FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct));
        File.Delete(path);
    }

    [Theory]
    [InlineData("\"state\":\"done\"", "\"state\":\"DONE\"", "unknown state")]
    [InlineData("\"state\":\"done\"", "\"state\":\"archived\"", "unknown state")]
    [InlineData("\"uuid\":\"", "\"uuid\":123,\"x\":\"", "uuid")]
    [InlineData("\"fiscal_document_number\":", "\"fiscal_document_number\":\"7\",\"y\":", "fiscal_document_number")]
    [InlineData("\"external_id\":", "\"external_id\":\"twice\",\"external_id\":", "twice")]
    [InlineData("\"operation\":", "\"surprise\":1,\"operation\":", "unknown member")]
    public async Task A_well_sealed_line_with_bad_content_is_refused_too(string find, string replace, string problem)
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = await JournalFixtures.DoneJournalAsync(atol, 4, "sealed");
        var lines = JournalText.Lines(path);
        string line = lines[5]; // line 6: the second document's done line
        Assert.Contains("\"state\":\"done\"", line, StringComparison.Ordinal);
        string body = line[..line.IndexOf(",\"crc\":", StringComparison.Ordinal)] + "}";
        JournalText.ReplaceLine(path, 6, JournalText.Seal(body.Replace(find, replace, StringComparison.Ordinal)));
        byte[] before = await File.ReadAllBytesAsync(path, BatchFixtures.Ct);

        var ex = await Assert.ThrowsAsync<JournalCorruptException>(() => FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct));

        Assert.Equal(6, ex.LineNumber);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, BatchFixtures.Ct));
        File.Delete(path);
    }

    [Fact]
    public async Task A_torn_last_line_is_cut_and_the_journal_goes_on_cleanly()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = await JournalFixtures.DoneJournalAsync(atol, 3, "torn");
        long validLength = new FileInfo(path).Length;
        await File.AppendAllTextAsync(path, "{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"torn-9\",\"oper", BatchFixtures.Ct);

        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            Assert.Equal(validLength, new FileInfo(path).Length); // cut at once, before anything is appended
            Assert.Equal(3, journal.PreviousCount);
            await journal.RecordPendingAsync("torn-9", "sell", new string('a', 64), BatchFixtures.Ct);
        }

        var states = await FileBatchJournal.ReadStatesAsync(path, BatchFixtures.Ct);
        Assert.Equal(JournalState.Pending, states["torn-9"].State);
        Assert.Equal(new string('a', 64), states["torn-9"].ContentHash);
        Assert.Equal(10, JournalText.Lines(path).Length);
        File.Delete(path);
    }

    [Fact]
    public async Task A_damaged_last_line_that_ends_with_a_line_feed_is_not_a_torn_line_and_is_refused()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = await JournalFixtures.DoneJournalAsync(atol, 2, "lastline");
        await File.AppendAllTextAsync(path, "{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"x\",\"oper\n", BatchFixtures.Ct);
        byte[] before = await File.ReadAllBytesAsync(path, BatchFixtures.Ct);

        var ex = await Assert.ThrowsAsync<JournalCorruptException>(() => FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct));

        Assert.Equal(7, ex.LineNumber);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, BatchFixtures.Ct));
        File.Delete(path);
    }

    [Fact]
    public async Task An_older_versions_lines_without_checksum_are_read_before_the_first_sealed_line_and_refused_after_it()
    {
        string path = BatchFixtures.TempFile("legacy.jsonl");
        const string Legacy =
            "{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"old-1\",\"operation\":\"sell\",\"state\":\"pending\"}\n" +
            "{\"time\":\"2026-11-28T12:00:01Z\",\"external_id\":\"old-1\",\"operation\":\"sell\",\"state\":\"sent\",\"uuid\":\"u-1\"}\n" +
            "{\"time\":\"2026-11-28T12:00:02Z\",\"external_id\":\"old-1\",\"operation\":\"sell\",\"state\":\"done\",\"uuid\":\"u-1\",\"fn_number\":\"9999078900001234\",\"fiscal_document_number\":17,\"fiscal_document_attribute\":3449555941,\"total\":120.50}\n" +
            "{\"time\":\"2026-11-28T12:00:03Z\",\"external_id\":\"old-2\",\"operation\":\"sell\",\"state\":\"sent\",\"uuid\":\"u-2\"}\n";
        await File.WriteAllTextAsync(path, Legacy, BatchFixtures.Ct);

        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            Assert.True(journal.TryGetPrevious("old-1", out var done));
            Assert.Equal(JournalState.Done, done.State);
            Assert.Equal(new BatchFiscalData("9999078900001234", 17, 3449555941, 120.50m), done.FiscalData);
            Assert.Null(done.ContentHash); // an older version did not record it
            Assert.True(journal.TryGetPrevious("old-2", out var sent));
            Assert.Equal(("u-2", JournalState.Sent), (sent.Uuid, sent.State));
            await journal.RecordFinalAsync("old-2", "sell", "u-2", JournalState.Failed, null, "refused", BatchFixtures.Ct);
        }

        Assert.EndsWith("\"}", JournalText.Lines(path)[^1], StringComparison.Ordinal);
        Assert.Contains(",\"crc\":\"", JournalText.Lines(path)[^1], StringComparison.Ordinal);

        // the older version runs again on the same journal: its line after a sealed one is refused
        await File.AppendAllTextAsync(path, "{\"time\":\"2026-11-28T12:00:09Z\",\"external_id\":\"old-3\",\"operation\":\"sell\",\"state\":\"pending\"}\n", BatchFixtures.Ct);
        var ex = await Assert.ThrowsAsync<JournalCorruptException>(() => FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct));
        Assert.Equal(6, ex.LineNumber);
        Assert.Contains("no checksum", ex.Problem, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_in_the_middle_is_refused_without_holding_it()
    {
        string path = BatchFixtures.TempFile("long.jsonl");
        string good = JournalText.Seal("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"a\",\"operation\":\"sell\",\"state\":\"pending\"}");
        await File.WriteAllTextAsync(path, good + new string('x', 300_000) + "\n" + good, BatchFixtures.Ct);

        var ex = await Assert.ThrowsAsync<JournalCorruptException>(() => FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct));

        Assert.Equal(2, ex.LineNumber);
        Assert.Equal(Encoding.UTF8.GetByteCount(good), ex.ByteOffset);
        Assert.Contains("longer than", ex.Problem, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task Verify_reports_every_damaged_line_and_repair_keeps_a_backup_keeps_good_lines_and_names_dropped_ones()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = await JournalFixtures.DoneJournalAsync(atol, 5, "repair");
        var lines = JournalText.Lines(path);
        JournalText.ReplaceLine(path, 3, lines[2].Replace("\"fiscal_document_number\":", "\"fiscal_document_number\":9", StringComparison.Ordinal)); // done line of repair-0
        JournalText.ReplaceLine(path, 8, "garbage");
        JournalText.ReplaceLine(path, 12, lines[11][..^3]); // a sealed line that lost its end
        await File.AppendAllTextAsync(path, "{\"torn", BatchFixtures.Ct);
        byte[] original = await File.ReadAllBytesAsync(path, BatchFixtures.Ct);

        var found = new List<JournalProblem>();
        var verification = await FileBatchJournal.VerifyAsync(path, found.Add, BatchFixtures.Ct);
        Assert.Equal([3L, 8, 12], found.Select(p => p.LineNumber));
        Assert.Equal(3, verification.Problems);
        Assert.Equal(15, verification.Lines);
        Assert.Equal(6, verification.TornTailBytes);
        Assert.False(verification.IsClean);
        Assert.Equal(original, await File.ReadAllBytesAsync(path, BatchFixtures.Ct)); // verify changes nothing

        var dropped = new List<JournalProblem>();
        var repair = await FileBatchJournal.RepairAsync(path, dropped.Add, cancellationToken: BatchFixtures.Ct);
        Assert.Equal([3L, 8, 12], dropped.Select(p => p.LineNumber));
        Assert.Equal((12L, 3L, 6L), (repair.Kept, repair.Dropped, repair.TornTailBytes));
        Assert.Equal(original, await File.ReadAllBytesAsync(repair.BackupPath!, BatchFixtures.Ct));
        var kept = JournalText.Lines(path);
        Assert.Equal(lines.Where((_, i) => i is not (2 or 7 or 11)), kept);

        var clean = await FileBatchJournal.VerifyAsync(path, cancellationToken: BatchFixtures.Ct);
        Assert.True(clean.IsClean);
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            Assert.True(journal.TryGetPrevious("repair-0", out var fellBack));
            Assert.Equal(JournalState.Sent, fellBack.State); // its done line was dropped: a rerun polls it by uuid
        }

        var again = await FileBatchJournal.RepairAsync(path, cancellationToken: BatchFixtures.Ct);
        Assert.Null(again.BackupPath); // nothing to repair: nothing written
        File.Delete(repair.BackupPath!);
        File.Delete(path);
    }
}
