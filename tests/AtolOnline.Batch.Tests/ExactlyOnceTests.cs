using AtolOnline.Emulator;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// Exactly once proven by what the client sent, not by the emulator's duplicate answer: the emulator's request log
/// counts every registration (including those it answers 33) and every report request, per external_id and uuid.
/// </summary>
public sealed class ExactlyOnceTests
{
    private static readonly FaultRule ReportsUnavailable = FaultRule.Always(FaultEndpoint.Report, FaultKind.Status503);

    [Fact]
    public async Task A_resume_sends_nothing_for_done_and_failed_documents_and_polls_sent_ones_without_registering_them()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string journal = BatchFixtures.TempFile("resume-counts.jsonl");
        var done = BatchFixtures.Sells(4, "rc-done").ToList();
        var failed = BatchFixtures.WrongInn("rc-failed-0");
        var sent = BatchFixtures.Sells(3, "rc-sent").ToList();
        List<BatchItem> all = [.. done, failed, .. sent];

        // Run 1: done and failed documents reach their final state.
        var first = await BatchFixtures.RunAsync(atol, journal, [.. done, failed]);
        Assert.All(first.Where(o => o.ExternalId.StartsWith("rc-done", StringComparison.Ordinal)), o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        Assert.Equal(BatchOutcomeKind.Failed, first.Single(o => o.ExternalId == "rc-failed-0").Kind);

        // Run 2, a first resume: the sent documents are registered, but no report can be read: they stay `sent` in the
        // journal. The final documents of run 1 cost no request at all.
        atol.Faults.Add(ReportsUnavailable);
        var states = await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct);
        atol.ClearRequests();
        var second = await BatchFixtures.RunAsync(atol, journal, all, o => o.DocumentDeadline = TimeSpan.FromSeconds(1));
        AssertNothingSentFor(atol.GetRequests(), [.. done, failed], states);
        Assert.Equal(sent.Count, atol.GetRequests().Registrations);
        Assert.All(second.Where(o => o.ExternalId.StartsWith("rc-sent", StringComparison.Ordinal)), o => Assert.True(o is { Kind: BatchOutcomeKind.Unresolved, IsReportGone: false }, "a report not readable now is not a report gone"));
        states = await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct);
        Assert.All(sent, s => Assert.Equal(JournalState.Sent, states[s.ExternalId].State));
        atol.Faults.Clear();

        // Run 3: the resume. Counted from here on.
        atol.ClearRequests();
        var third = await BatchFixtures.RunAsync(atol, journal, all);
        var requests = atol.GetRequests();

        Assert.Equal(0, requests.Registrations);
        AssertNothingSentFor(requests, [.. done, failed], states);
        Assert.All(done.Append(failed), item => Assert.True(third.Single(o => o.ExternalId == item.ExternalId).FromJournal, item.ExternalId + " was not taken from the journal"));

        foreach (var item in sent)
        {
            var outcome = third.Single(o => o.ExternalId == item.ExternalId);
            string uuid = states[item.ExternalId].Uuid!;
            Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
            Assert.Equal(uuid, outcome.Uuid);
            Assert.Equal(0, requests.ForExternalId(BatchFixtures.Group, item.ExternalId).Registrations);
            Assert.InRange(requests.ForUuid(uuid).ReportRequests, 1, 10);
            Assert.Equal(atol.FindDocument(uuid)!.FiscalDocumentNumber, outcome.Report!.FiscalDocumentNumber);
        }

        Assert.Equal(done.Count + sent.Count, BatchFixtures.AssertDoneLinesCarryFiscalData(atol, journal));
        File.Delete(journal);
    }

    private static void AssertNothingSentFor(EmulatorRequests requests, IEnumerable<BatchItem> items, IReadOnlyDictionary<string, JournalRecord> states)
    {
        foreach (var item in items)
        {
            Assert.True(requests.ForExternalId(BatchFixtures.Group, item.ExternalId).Registrations == 0, $"{item.ExternalId} ({states[item.ExternalId].State} in the journal) was registered again");
            if (states[item.ExternalId].Uuid is { } uuid)
            {
                Assert.True(requests.ForUuid(uuid).ReportRequests == 0, $"the report of {item.ExternalId} ({states[item.ExternalId].State} in the journal) was requested again");
            }
        }
    }

    [Fact]
    public async Task Done_journal_lines_carry_the_fiscal_data_of_the_final_report_and_a_failed_document_is_never_done()
    {
        // A processing delay on the emulator clock: the report is `wait` until the clock moves, so a journal that
        // wrote `done` before the report was known would show it here.
        // Six documents at once on six registers, exactly 5 min each (the emulator queues beyond its registers).
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => (o.ProcessingDelay, o.Registers, o.ProcessingJitter) = (TimeSpan.FromMinutes(5), 6, 0));
        string journal = BatchFixtures.TempFile("fiscal.jsonl");
        List<BatchItem> items = [.. BatchFixtures.Sells(5, "fiscal"), BatchFixtures.WrongInn("fiscal-inn")];
        var run = BatchFixtures.RunAsync(atol, journal, items);
        while (atol.Documents.Count < items.Count && !run.IsCompleted)
        {
            await Task.Delay(10, BatchFixtures.Ct);
        }

        Assert.All(atol.Documents, d => Assert.Equal(DocumentState.Wait, d.Status));
        Assert.False(run.IsCompleted, "the batch must still be waiting for the reports");
        atol.Clock.Advance(TimeSpan.FromMinutes(6));
        var outcomes = await run;

        Assert.Equal(5, outcomes.Count(o => o.Kind == BatchOutcomeKind.Done));
        Assert.Equal(BatchOutcomeKind.Failed, outcomes.Single(o => o.ExternalId == "fiscal-inn").Kind);
        Assert.Equal(5, BatchFixtures.AssertDoneLinesCarryFiscalData(atol, journal));
        var failedLines = BatchFixtures.ReadJournalLines(journal).Where(l => l.ExternalId == "fiscal-inn").ToList();
        Assert.Equal("failed", failedLines[^1].State);
        Assert.Equal(1, atol.GetRequests().ForExternalId(BatchFixtures.Group, "fiscal-inn").Registrations);
        File.Delete(journal);
    }

    [Fact]
    public async Task A_resume_after_the_retention_period_registers_nothing_and_reports_sent_documents_as_registered_but_unknown()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string journal = BatchFixtures.TempFile("retention.jsonl");
        var done = BatchFixtures.Sells(3, "ret-done").ToList();
        var sent = BatchFixtures.Sells(3, "ret-sent").ToList();
        List<BatchItem> all = [.. done, .. sent];
        await BatchFixtures.RunAsync(atol, journal, done);
        atol.Faults.Add(ReportsUnavailable);
        var before = await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct);
        atol.ClearRequests();
        await BatchFixtures.RunAsync(atol, journal, all, o => o.DocumentDeadline = TimeSpan.FromSeconds(1));
        atol.Faults.Clear();
        AssertNothingSentFor(atol.GetRequests(), done, before);
        var states = await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct);
        Assert.All(done, d => Assert.Equal(JournalState.Done, states[d.ExternalId].State));
        Assert.All(sent, s => Assert.Equal(JournalState.Sent, states[s.ExternalId].State));

        // ATOL keeps v5 reports 30 days; after that it forgets the uuid and the external_id alike.
        atol.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Empty(atol.Documents);
        atol.ClearRequests();

        for (int rerun = 0; rerun < 2; rerun++)
        {
            var outcomes = await BatchFixtures.RunAsync(atol, journal, all);
            var requests = atol.GetRequests();
            Assert.Equal(0, requests.Registrations);
            Assert.Empty(atol.Documents);
            Assert.All(done, d => Assert.True(outcomes.Single(o => o.ExternalId == d.ExternalId) is { Kind: BatchOutcomeKind.Done, FromJournal: true, IsReportGone: false }));
            foreach (var item in sent)
            {
                var outcome = outcomes.Single(o => o.ExternalId == item.ExternalId);
                Assert.Equal(BatchOutcomeKind.Unresolved, outcome.Kind);
                Assert.True(outcome.IsReportGone);
                Assert.Equal(states[item.ExternalId].Uuid, outcome.Uuid);
                Assert.NotEqual(AtolErrorAction.FixDocument, outcome.Action);
                Assert.NotEqual(AtolErrorAction.Retry, outcome.Action);
                Assert.Contains("registered", outcome.Error, StringComparison.Ordinal);
                Assert.Contains("never send it again", outcome.Error, StringComparison.Ordinal);
                Assert.InRange(requests.ForUuid(outcome.Uuid!).ReportRequests, rerun + 1, 3 * (rerun + 1));
            }

            var after = await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct);
            Assert.All(sent, s => Assert.Equal(JournalState.Sent, after[s.ExternalId].State));
        }

        File.Delete(journal);
    }

    [Fact]
    public async Task A_document_a_journal_records_as_unresolved_is_neither_sent_nor_polled_and_its_outcome_says_the_report_is_gone()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        var items = BatchFixtures.Sells(3, "ur").ToList();
        var journal = new UnresolvedJournal("ur-1", "uuid-of-ur-1");
        var options = new BatchOptions { Journal = journal, RequestsPerSecond = 0, MaxAwaitingResult = 8, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll };
        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in new BatchProcessor(BatchFixtures.Client(atol), options).ProcessAsync(items, BatchFixtures.Ct))
        {
            outcomes.Add(outcome);
        }

        var requests = atol.GetRequests();
        Assert.Equal(0, requests.ForExternalId(BatchFixtures.Group, "ur-1").Registrations);
        Assert.Equal(0, requests.ForUuid("uuid-of-ur-1").ReportRequests);
        var gone = outcomes.Single(o => o.ExternalId == "ur-1");
        Assert.True(gone is { Kind: BatchOutcomeKind.Unresolved, IsReportGone: true, FromJournal: true, Uuid: "uuid-of-ur-1" }, gone.ToString());
        Assert.Contains("never send it again", gone.Error, StringComparison.Ordinal);
        Assert.All(outcomes.Where(o => o.ExternalId != "ur-1"), o => Assert.True(o is { Kind: BatchOutcomeKind.Done, IsReportGone: false }, o.ToString()));
        Assert.DoesNotContain("ur-1", journal.Recorded);
    }

    [Fact]
    public async Task Registrations_keep_to_the_rate_limit_in_every_one_second_window()
    {
        const int count = 250;
        const double rps = 50;
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string journal = BatchFixtures.TempFile("rate.jsonl");
        var outcomes = await BatchFixtures.RunAsync(atol, journal, BatchFixtures.Sells(count, "rate"), o =>
        {
            o.RequestsPerSecond = rps;
            o.MaxAwaitingResult = 32;
        });
        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        var requests = atol.GetRequests();
        Assert.Equal(count, requests.Registrations);
        BatchFixtures.AssertExactlyOnce(atol, count, "rate");

        // A token bucket holds at most `rps` tokens (the burst) and refills `rps` per second in steps of 0.1 s, so no
        // window of 1 s sees more than burst + rps * (1 s + one step). Arrival times carry some network and scheduling
        // jitter on top: 0.25 s worth of tokens is allowed for it. Without the limit, the batch sends all 250 in far
        // less than that (hundreds per second on a loaded machine).
        const double burst = rps;
        int perSecond = requests.MaxRegistrationsWithin(TimeSpan.FromSeconds(1));
        Assert.True(perSecond <= burst + (rps * 1.35), $"{perSecond} registrations within one second at {rps}/s");

        // And over the whole run: `count` registrations need at least (count - burst) / rps seconds (less 0.5 s for
        // the jitter of the first and the last arrival).
        var span = requests.RegistrationTimes.Max() - requests.RegistrationTimes.Min();
        Assert.True(span >= TimeSpan.FromSeconds(((count - burst) / rps) - 0.5), $"{count} registrations within {span.TotalSeconds:F2} s at {rps}/s");
        File.Delete(journal);
    }

    /// <summary>A journal that holds one document as unresolved and records the others in memory.</summary>
    private sealed class UnresolvedJournal(string externalId, string uuid) : IBatchJournal
    {
        public List<string> Recorded { get; } = [];

        public bool TryGetPrevious(string id, out JournalRecord record)
        {
            record = id == externalId ? new JournalRecord(JournalState.Unresolved, "sell", uuid) : default;
            return id == externalId;
        }

        public ValueTask RecordPendingAsync(string id, string operation, string contentHash, CancellationToken cancellationToken) => Record(id);

        public ValueTask RecordSentAsync(string id, string operation, string sentUuid, CancellationToken cancellationToken) => Record(id);

        public ValueTask RecordFinalAsync(string id, string operation, string? finalUuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken) => Record(id);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private ValueTask Record(string id)
        {
            lock (Recorded)
            {
                Recorded.Add(id);
            }

            return ValueTask.CompletedTask;
        }
    }
}
