using AtolOnline.Emulator;

namespace AtolOnline.Batch.Tests;

/// <summary>A change is acknowledged only once it is on the device; a failed write stops the batch at once.</summary>
public sealed class JournalWriteFailureTests
{
    [Fact]
    public async Task Every_change_is_flushed_to_the_device_before_it_is_acknowledged()
    {
        string path = BatchFixtures.TempFile("fsync.jsonl");
        CountingFileStream? file = null;
        var options = new FileBatchJournalOptions { OpenFile = p => file = new CountingFileStream(p) };
        await using (var journal = await FileBatchJournal.OpenAsync(path, options, BatchFixtures.Ct))
        {
            await journal.RecordPendingAsync("f-1", "sell", new string('0', 64), BatchFixtures.Ct);
            Assert.True(file!.Written > 0);
            Assert.Equal(file.Written, file.Durable);
            await journal.RecordSentAsync("f-1", "sell", "u-1", BatchFixtures.Ct);
            Assert.Equal(file.Written, file.Durable);

            // concurrent changes share flushes (group commit), but none is acknowledged before its flush
            var changes = Enumerable.Range(0, 50).Select(i => journal.RecordPendingAsync("g-" + i, "sell", new string('1', 64), BatchFixtures.Ct).AsTask()).ToList();
            await Task.WhenAll(changes);
            Assert.Equal(file.Written, file.Durable);
            Assert.InRange(file.FlushesToDisk, 3, 52);
        }

        Assert.Equal(52, JournalText.Lines(path).Length);
        File.Delete(path);
    }

    [Fact]
    public async Task A_failed_write_fails_the_waiting_change_with_its_cause_and_every_later_one_at_once()
    {
        string path = BatchFixtures.TempFile("full.jsonl");
        CountingFileStream? file = null;
        await using (var journal = await FileBatchJournal.OpenAsync(path, new FileBatchJournalOptions { OpenFile = p => file = new CountingFileStream(p) }, BatchFixtures.Ct))
        {
            await journal.RecordPendingAsync("w-1", "sell", new string('0', 64), BatchFixtures.Ct);
            file!.FailAfterWrites = 0;

            var ex = await Assert.ThrowsAsync<JournalWriteException>(async () => await journal.RecordSentAsync("w-1", "sell", "u-1", BatchFixtures.Ct));
            Assert.IsType<IOException>(ex.InnerException);
            Assert.Contains("No space left", ex.Message, StringComparison.Ordinal);
            Assert.Contains(Path.GetFullPath(path), ex.Message, StringComparison.Ordinal);

            file.FailAfterWrites = null; // even if the disk recovers, nothing more is written after a failure
            await Assert.ThrowsAsync<JournalWriteException>(async () => await journal.RecordPendingAsync("w-2", "sell", new string('0', 64), BatchFixtures.Ct));
            Assert.Equal(1, file.FailedWrites);
        }

        Assert.Single(JournalText.Lines(path));
        File.Delete(path);
    }

    [Fact]
    public async Task A_failed_journal_write_stops_the_batch_nothing_is_sent_after_it_and_a_rerun_resumes()
    {
        const int count = 120;
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => o.ProcessingDelay = TimeSpan.FromMilliseconds(5));
        string path = BatchFixtures.TempFile("stop.jsonl");
        int registeredAtFailure = -1;
        long pulled = 0;
        IEnumerable<BatchItem> Input()
        {
            foreach (var item in Enumerable.Range(0, count).Select(i => JournalFixtures.Sell(i, "stop-" + i)))
            {
                Interlocked.Increment(ref pulled);
                yield return item;
            }
        }

        var options = new FileBatchJournalOptions
        {
            OpenFile = p => new CountingFileStream(p) { FailAfterWrites = 100, OnFirstFailure = () => registeredAtFailure = JournalFixtures.Registered(atol, "stop") },
        };
        var outcomes = new List<BatchOutcome>();
        await using (var journal = await FileBatchJournal.OpenAsync(path, options, BatchFixtures.Ct))
        {
            var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions { Journal = journal, RequestsPerSecond = 0, MaxAwaitingResult = 8, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll });
            var ex = await Assert.ThrowsAsync<JournalWriteException>(async () =>
            {
                await foreach (var outcome in processor.ProcessAsync(Input(), BatchFixtures.Ct))
                {
                    outcomes.Add(outcome);
                }
            });
            Assert.IsType<IOException>(ex.InnerException);
        }

        Assert.True(registeredAtFailure > 0);
        // Nothing was sent that the journal does not know as pending; registrations already on the wire may land.
        var journaled = JournalText.Lines(path).Where(l => l.Contains("\"state\":\"pending\"", StringComparison.Ordinal))
            .Select(l => l.Split("\"external_id\":\"")[1].Split('"')[0]).ToHashSet();
        var registered = atol.Documents.Where(d => d.ExternalId.StartsWith("stop-", StringComparison.Ordinal)).Select(d => d.ExternalId).ToList();
        Assert.All(registered, id => Assert.Contains(id, journaled));
        Assert.InRange(registered.Count, registeredAtFailure, registeredAtFailure + 8);
        Assert.InRange(pulled, 1, 100 / 3 + (8 * 4) + 2); // the input stopped being pulled
        Assert.True(outcomes.Count < count);

        // the rerun resumes: every document ends done, each registered once
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            var rerun = await JournalFixtures.RunAsync(atol, journal, Enumerable.Range(0, count).Select(i => JournalFixtures.Sell(i, "stop-" + i)));
            Assert.All(rerun, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
            Assert.Equal(count, rerun.Count);
        }

        BatchFixtures.AssertExactlyOnce(atol, count, "stop");
        File.Delete(path);
    }
}
