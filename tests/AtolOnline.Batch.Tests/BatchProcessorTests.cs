using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

public sealed class BatchProcessorTests
{
    [Fact]
    public async Task Ten_thousand_documents_with_transient_faults_and_a_token_expiry_all_end_done_exactly_once()
    {
        const int count = 10_000;
        await using var atol = await BatchFixtures.StartEmulatorAsync(o =>
        {
            // 5 % transient faults: refused before storing, lost answers after storing, and failing report polls.
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Status503, Probability = 0.03 });
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Drop, Probability = 0.02, Timing = FaultTiming.AfterStore });
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Report, Kind = FaultKind.Status502, Probability = 0.05 });
        });
        var client = BatchFixtures.Client(atol);
        string journalPath = BatchFixtures.TempFile("journal.jsonl");
        await using (var journal = await FileBatchJournal.OpenAsync(journalPath, cancellationToken: BatchFixtures.Ct))
        {
            var progress = new List<BatchProgress>();
            var processor = new BatchProcessor(client, new BatchOptions
            {
                MaxAwaitingResult = 32, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll, RequestsPerSecond = 0, Journal = journal, ExpectedCount = count,
                Progress = new SynchronousProgress<BatchProgress>(progress.Add),
            });

            var kinds = new Dictionary<BatchOutcomeKind, int>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            int seen = 0;
            await foreach (var outcome in processor.ProcessAsync(BatchFixtures.Sells(count, "ten-k"), BatchFixtures.Ct))
            {
                kinds[outcome.Kind] = kinds.GetValueOrDefault(outcome.Kind) + 1;
                Assert.True(ids.Add(outcome.ExternalId), "two outcomes for " + outcome.ExternalId);
                Assert.True(outcome.Kind == BatchOutcomeKind.Done, $"{outcome.ExternalId}: {outcome.Kind} {outcome.Error}");
                Assert.NotNull(outcome.Uuid);
                if (++seen == count / 2)
                {
                    atol.ExpireTokens(); // every token dies in the middle of the run
                }
            }

            Assert.Equal(count, kinds.GetValueOrDefault(BatchOutcomeKind.Done));
            Assert.NotEmpty(progress);
            Assert.Equal(count, progress[^1].Done);
            Assert.True(atol.Faults.Struck(FaultEndpoint.Register) > count / 50, "the faults did strike");
        }

        BatchFixtures.AssertExactlyOnce(atol, count, "ten-k");
        var states = await FileBatchJournal.ReadStatesAsync(journalPath, BatchFixtures.Ct);
        Assert.Equal(count, states.Count);
        Assert.All(states.Values, s => Assert.Equal(JournalState.Done, s.State));
        File.Delete(journalPath);
    }

    [Fact]
    public async Task Runs_cancelled_at_random_points_resume_from_the_journal_without_loss_or_duplicates()
    {
        const int count = 600;
        await using var atol = await BatchFixtures.StartEmulatorAsync(o =>
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Drop, Probability = 0.05, Timing = FaultTiming.AfterStore }));
        var client = BatchFixtures.Client(atol);
        string journalPath = BatchFixtures.TempFile("resume.jsonl");
        var random = new Random(12345);
        var done = new HashSet<string>(StringComparer.Ordinal);
        int runs = 0;
        while (done.Count < count && runs < 50)
        {
            runs++;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(BatchFixtures.Ct);
            int stopAfter = random.Next(1, 120);
            await using var journal = await FileBatchJournal.OpenAsync(journalPath, cancellationToken: BatchFixtures.Ct);
            var processor = new BatchProcessor(client, new BatchOptions { MaxAwaitingResult = 16, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll, RequestsPerSecond = 0, Journal = journal });
            int outcomes = 0;
            try
            {
                await foreach (var outcome in processor.ProcessAsync(BatchFixtures.Sells(count, "resume"), stop.Token))
                {
                    Assert.NotEqual(BatchOutcomeKind.Failed, outcome.Kind);
                    Assert.NotEqual(BatchOutcomeKind.Invalid, outcome.Kind);
                    if (outcome.Kind == BatchOutcomeKind.Done)
                    {
                        done.Add(outcome.ExternalId);
                    }

                    if (++outcomes == stopAfter && runs < 8)
                    {
                        await stop.CancelAsync(); // the "crash": in-flight documents are abandoned mid-way
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }

            if (runs % 3 == 0)
            {
                await journal.DisposeAsync();
                await File.AppendAllTextAsync(journalPath, "{\"time\":\"2026-11-28T", BatchFixtures.Ct); // a torn last line, as after a power cut
            }
        }

        Assert.Equal(count, done.Count);
        Assert.InRange(runs, 2, 49);
        BatchFixtures.AssertExactlyOnce(atol, count, "resume");
        File.Delete(journalPath);
    }

    [Fact]
    public async Task Malformed_and_invalid_lines_are_reported_with_their_line_numbers_and_do_not_stop_the_batch()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        var client = BatchFixtures.Client(atol);
        var lines = new StringBuilder();
        var valid = BatchFixtures.Sells(3, "lines").ToList();
        string Json(int seed) => AtolJson.ToJsonString(SampleDocuments.Sell(seed, 2, marked: false, agents: false) with { ExternalId = "lines-" + seed });
        lines.AppendLine(Json(0));                                              // 1 valid
        lines.AppendLine("{\"external_id\": \"broken\", \"receipt\": {");       // 2 malformed JSON
        lines.AppendLine(Json(1));                                              // 3 valid
        lines.AppendLine();                                                     // 4 empty: skipped
        lines.AppendLine(Json(2).Replace("\"total\":", "\"totall\":", StringComparison.Ordinal)); // 5 unknown member
        var invalid = SampleDocuments.Sell(3, 2, marked: false, agents: false) with { ExternalId = "lines-3" };
        lines.AppendLine(AtolJson.ToJsonString(invalid with { Receipt = invalid.Receipt with { Total = invalid.Receipt.Total + 1 } })); // 6 fails a rule
        lines.AppendLine(Json(4));                                              // 7 valid

        var processor = new BatchProcessor(client, new BatchOptions { RequestsPerSecond = 0, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll });
        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in processor.ProcessAsync(BatchJsonLines.ReadAsync(new StringReader(lines.ToString()), AtolV5Operations.Sell, BatchFixtures.Ct), BatchFixtures.Ct))
        {
            outcomes.Add(outcome);
        }

        var byLine = outcomes.ToDictionary(o => o.LineNumber!.Value);
        Assert.Equal([1L, 2, 3, 5, 6, 7], byLine.Keys.Order());
        Assert.All(new long[] { 1, 3, 7 }, l => Assert.Equal(BatchOutcomeKind.Done, byLine[l].Kind));
        Assert.Equal(BatchOutcomeKind.Invalid, byLine[2].Kind);
        Assert.Contains("байт", byLine[2].Error, StringComparison.Ordinal);
        Assert.Equal(BatchOutcomeKind.Invalid, byLine[5].Kind);
        Assert.Contains("totall", byLine[5].Error, StringComparison.Ordinal);
        Assert.Equal(BatchOutcomeKind.Invalid, byLine[6].Kind);
        Assert.Contains(byLine[6].Violations!, v => v.Code == CrossFieldRuleCodes.TotalEqualsItemsSum);
        Assert.DoesNotContain(atol.Documents, d => d.ExternalId == "lines-3"); // an invalid document is never sent
        Assert.Equal(3, atol.Documents.Count(d => d.ExternalId.StartsWith("lines-", StringComparison.Ordinal)));
        _ = valid;
    }

    [Fact]
    public async Task A_document_refused_by_the_register_is_failed_and_journaled_final()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        var client = BatchFixtures.Client(atol);
        var wrongInn = SampleDocuments.Sell(9, 2, marked: false, agents: false);
        wrongInn = wrongInn with { ExternalId = "inn-1", Receipt = wrongInn.Receipt with { Company = wrongInn.Receipt.Company with { Inn = "7707083893" } } };
        string journalPath = BatchFixtures.TempFile("inn.jsonl");
        await using (var journal = await FileBatchJournal.OpenAsync(journalPath, cancellationToken: BatchFixtures.Ct))
        {
            var processor = new BatchProcessor(client, new BatchOptions { Journal = journal, RequestsPerSecond = 0, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll });
            var outcome = await SingleAsync(processor.ProcessAsync([BatchItem.Create(AtolV5Operations.Sell, wrongInn)], BatchFixtures.Ct));
            Assert.Equal(BatchOutcomeKind.Failed, outcome.Kind);
            Assert.NotNull(outcome.Report);
            Assert.Equal(AtolDocumentStatus.Fail, outcome.Report!.Status);
        }

        // A rerun does not send it again: the journal says it is final.
        await using (var journal = await FileBatchJournal.OpenAsync(journalPath, cancellationToken: BatchFixtures.Ct))
        {
            var processor = new BatchProcessor(client, new BatchOptions { Journal = journal });
            var outcome = await SingleAsync(processor.ProcessAsync([BatchItem.Create(AtolV5Operations.Sell, wrongInn)], BatchFixtures.Ct));
            Assert.True(outcome.FromJournal);
            Assert.Equal(BatchOutcomeKind.Failed, outcome.Kind);
        }

        Assert.Single(atol.Documents, d => d.ExternalId == "inn-1");
        File.Delete(journalPath);
    }

    private static async Task<BatchOutcome> SingleAsync(IAsyncEnumerable<BatchOutcome> outcomes)
    {
        var all = new List<BatchOutcome>();
        await foreach (var outcome in outcomes)
        {
            all.Add(outcome);
        }

        return Assert.Single(all);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
