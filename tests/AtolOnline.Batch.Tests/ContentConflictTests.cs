using System.Security.Cryptography;
using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>The journal remembers what it fiscalized: another document under a known external_id is a conflict, never "done".</summary>
public sealed class ContentConflictTests
{
    [Fact]
    public async Task The_pending_line_records_the_sha256_of_the_request_body_that_is_sent()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = BatchFixtures.TempFile("hash.jsonl");
        var document = SampleDocuments.Sell(3, 2, marked: false, agents: false) with { ExternalId = "hash-1" };
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            await JournalFixtures.RunAsync(atol, journal, [BatchItem.Create(AtolV5Operations.Sell, document)]);
        }

        string expected = Convert.ToHexStringLower(SHA256.HashData(AtolJson.ToUtf8Bytes(document)));
        var pending = JournalText.Lines(path).Single(l => l.Contains("\"state\":\"pending\"", StringComparison.Ordinal));
        Assert.Contains($"\"sha256\":\"{expected}\"", pending, StringComparison.Ordinal);
        Assert.Equal(expected, BatchItem.Create(AtolV5Operations.Sell, document).ContentHash);
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(atol.Documents.Single(d => d.ExternalId == "hash-1").Body.Span))); // the bytes ATOL received
        Assert.Equal(expected, (await FileBatchJournal.ReadStatesAsync(path, BatchFixtures.Ct))["hash-1"].ContentHash);
        File.Delete(path);
    }

    [Fact]
    public async Task A_rerun_with_another_document_under_a_done_external_id_is_invalid_naming_both_and_sends_nothing()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = await JournalFixtures.DoneJournalAsync(atol, 3, "rerun");
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            var outcomes = await JournalFixtures.RunAsync(atol, journal,
            [
                JournalFixtures.Sell(0, "rerun-0", line: 1),   // the same document: done, from the journal
                JournalFixtures.Sell(77, "rerun-1", line: 2),  // another document under a done external_id
                BatchItem.Create(AtolV5Operations.SellRefund, SampleDocuments.Sell(2, 2, marked: false, agents: false) with { ExternalId = "rerun-2" }, 3), // the same body, another operation
            ]);
            var byLine = outcomes.ToDictionary(o => o.LineNumber!.Value);
            Assert.Equal(BatchOutcomeKind.Done, byLine[1].Kind);
            Assert.True(byLine[1].FromJournal);
            Assert.False(byLine[1].IsRepeat);

            Assert.Equal(BatchOutcomeKind.Invalid, byLine[2].Kind);
            Assert.Equal(AtolErrorAction.FixDocument, byLine[2].Action);
            Assert.Contains("conflict", byLine[2].Error, StringComparison.Ordinal);
            Assert.Contains("journal line 6", byLine[2].Error, StringComparison.Ordinal); // rerun-1's done line
            Assert.Contains("an earlier run", byLine[2].Error, StringComparison.Ordinal);
            Assert.Null(byLine[2].FiscalData);

            Assert.Equal(BatchOutcomeKind.Invalid, byLine[3].Kind);
            Assert.Contains("operation sell_refund, not sell", byLine[3].Error, StringComparison.Ordinal);
        }

        Assert.Equal(3, JournalFixtures.Registered(atol, "rerun")); // nothing new was sent
        File.Delete(path);
    }

    [Theory]
    [InlineData(1)]  // the first line is final (journaled earlier in this run) when the second comes
    [InlineData(16)] // both are in flight at once
    public async Task The_same_external_id_twice_in_one_input_is_a_repeat_with_the_first_outcome_or_a_conflict_never_a_second_registration(int maxInFlight)
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => o.ProcessingDelay = TimeSpan.FromMilliseconds(300)); // line 3 is still in flight when line 4 starts
        string path = BatchFixtures.TempFile("twice.jsonl");
        string prefix = "twice" + maxInFlight;
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            var outcomes = await JournalFixtures.RunAsync(atol, journal,
            [
                JournalFixtures.Sell(1, prefix + "-a", line: 1),
                JournalFixtures.Sell(1, prefix + "-a", line: 2),  // the same document again
                JournalFixtures.Sell(2, prefix + "-b", line: 3),
                JournalFixtures.Sell(99, prefix + "-b", line: 4), // another document under the same external_id
            ], maxInFlight);
            var byLine = outcomes.ToDictionary(o => o.LineNumber!.Value);
            Assert.Equal(4, byLine.Count);
            Assert.Equal(BatchOutcomeKind.Done, byLine[1].Kind);
            Assert.False(byLine[1].IsRepeat);
            Assert.Equal(BatchOutcomeKind.Done, byLine[2].Kind);
            Assert.True(byLine[2].IsRepeat);
            Assert.Equal(byLine[1].Uuid, byLine[2].Uuid);
            Assert.Equal(byLine[1].FiscalData, byLine[2].FiscalData);
            Assert.NotNull(byLine[2].FiscalData);

            Assert.Equal(BatchOutcomeKind.Done, byLine[3].Kind);
            Assert.Equal(BatchOutcomeKind.Invalid, byLine[4].Kind);
            Assert.Contains("conflict", byLine[4].Error, StringComparison.Ordinal);
            Assert.Contains(maxInFlight == 1 ? "earlier in this run" : "line 3 of this input", byLine[4].Error, StringComparison.Ordinal);
            Assert.Null(byLine[4].FiscalData);
            Assert.Null(byLine[4].Uuid);
        }

        BatchFixtures.AssertExactlyOnce(atol, 2, prefix);
        Assert.Equal(2, atol.Documents.Count(d => d.ExternalId.StartsWith(prefix, StringComparison.Ordinal)));
        File.Delete(path);
    }

    [Fact]
    public async Task A_resumed_done_outcome_carries_the_fiscal_data_the_journal_holds()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string path = BatchFixtures.TempFile("fiscal.jsonl");
        List<BatchOutcome> first;
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            first = await JournalFixtures.RunAsync(atol, journal, Enumerable.Range(0, 5).Select(i => JournalFixtures.Sell(i, "fiscal-" + i)));
        }

        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            var resumed = await JournalFixtures.RunAsync(atol, journal, Enumerable.Range(0, 5).Select(i => JournalFixtures.Sell(i, "fiscal-" + i)));
            foreach (var outcome in resumed)
            {
                var original = first.Single(o => o.ExternalId == outcome.ExternalId);
                Assert.True(outcome.FromJournal);
                Assert.Null(outcome.Report); // nothing was fetched
                Assert.NotNull(outcome.FiscalData!.FiscalDocumentAttribute);
                Assert.NotNull(outcome.FiscalData.FnNumber);
                Assert.Equal(original.FiscalData, outcome.FiscalData);
                Assert.Equal(original.Report!.FiscalDocumentNumber, outcome.FiscalData.FiscalDocumentNumber);
                Assert.Equal(original.Uuid, outcome.Uuid);

                var written = new System.Buffers.ArrayBufferWriter<byte>();
                BatchJsonLines.Write(outcome, written);
                Assert.Contains($"\"fiscal_document_attribute\":{original.Report.FiscalDocumentAttribute}", Encoding.UTF8.GetString(written.WrittenSpan), StringComparison.Ordinal);
            }
        }

        BatchFixtures.AssertExactlyOnce(atol, 5, "fiscal");
        File.Delete(path);
    }
}
