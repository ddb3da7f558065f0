using System.Collections.Concurrent;
using System.Text;
using AtolOnline.Client.Tests;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;
using AtolOnline.Validation;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The batch processor's rules, on a scripted client without HTTP and (where time matters) a virtual clock: when a
/// document is first polled in callback mode, what early callbacks are kept and which one counts, the exact words of
/// outcomes taken from the journal or refused as conflicts, a journal failure stopping the batch, the registration
/// rate, and the progress figures.
/// </summary>
public sealed class ProcessorRulesTests
{
    private const string Timestamp = "05.03.2026 14:02:11";

    [Fact]
    public async Task In_callback_mode_a_duplicate_is_polled_at_the_estimate_and_a_new_document_after_the_grace()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock) { Duplicate = id => id == "cb-0" };
        var options = Options(clock, new BatchOptions { ResultMode = BatchResultMode.Callback, CallbackGrace = TimeSpan.FromSeconds(300), FirstPollDelay = TimeSpan.FromSeconds(2), MaxAwaitingResult = 1 });

        var outcomes = await Run(new BatchProcessor(atol, options), BatchFixtures.Sells(2, "cb"));

        Assert.Equal([true, false], outcomes.Select(o => o.WasDuplicate));
        // cb-0's callback went to the URL of an earlier attempt: no callback is awaited. cb-1, registered when cb-0
        // was final (2 s), waits the grace for its callback.
        Assert.Equal([("u-cb-0", Sec(2)), ("u-cb-1", Sec(302))], atol.Reported);
    }

    [Fact]
    public void Early_callbacks_are_kept_up_to_twice_the_documents_awaiting_their_result()
    {
        var proof = AtolCallbackProof.CreateRandom();
        var processor = new BatchProcessor(new ScriptedAtol(new FakeClock()), new BatchOptions { CallbackBaseUrl = "https://shop.test/cb", CallbackProof = proof, MaxAwaitingResult = 1 });

        Assert.Equal(BatchCallbackResult.Kept, Callback(processor, proof, "u-a", "a", "done"));
        Assert.Equal(BatchCallbackResult.Kept, Callback(processor, proof, "u-b", "b", "done"));
        Assert.Equal(BatchCallbackResult.Ignored, Callback(processor, proof, "u-c", "c", "done"));
    }

    [Fact]
    public async Task An_unverified_callback_does_not_erase_a_kept_verified_one()
    {
        var proof = AtolCallbackProof.CreateRandom();
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var processor = new BatchProcessor(atol, Options(clock, new BatchOptions { ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "https://shop.test/cb", CallbackProof = proof }));

        Assert.Equal(BatchCallbackResult.Kept, Callback(processor, proof, "u-early-0", "early-0", "done"));
        Assert.False(processor.OnCallback(Encoding.UTF8.GetBytes(Report("u-early-0", "early-0", "done"))));
        var outcome = Assert.Single(await Run(processor, BatchFixtures.Sells(1, "early")));

        Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
        Assert.Empty(atol.Reported); // the verified report completed it
        Assert.Equal(0, processor.ReportRequests);
    }

    [Fact]
    public async Task Of_two_verified_early_callbacks_the_later_counts()
    {
        var proof = AtolCallbackProof.CreateRandom();
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var processor = new BatchProcessor(atol, Options(clock, new BatchOptions { ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "https://shop.test/cb", CallbackProof = proof }));

        Assert.Equal(BatchCallbackResult.Kept, Callback(processor, proof, "u-late-0", "late-0", "fail"));
        Assert.Equal(BatchCallbackResult.Kept, Callback(processor, proof, "u-late-0", "late-0", "done"));
        var outcome = Assert.Single(await Run(processor, BatchFixtures.Sells(1, "late")));

        Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
        Assert.Empty(atol.Reported);
    }

    [Fact]
    public async Task A_kept_callback_of_another_external_id_under_the_documents_uuid_is_not_applied_and_the_document_is_polled_at_once()
    {
        var proof = AtolCallbackProof.CreateRandom();
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var processor = new BatchProcessor(atol, Options(clock, new BatchOptions
        {
            ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "https://shop.test/cb", CallbackProof = proof, CallbackGrace = TimeSpan.FromSeconds(300),
            DocumentDeadline = TimeSpan.FromSeconds(2), // were it never polled, it would end unresolved
        }));

        // Verified for "other", but it names the uuid the document will get.
        Assert.Equal(BatchCallbackResult.Kept, Callback(processor, proof, "u-own-0", "other", "fail"));
        var outcome = Assert.Single(await Run(processor, BatchFixtures.Sells(1, "own")));

        Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
        Assert.Equal([("u-own-0", TimeSpan.Zero)], atol.Reported); // polled at once, not after the grace
    }

    [Fact]
    public async Task A_callback_for_a_document_already_final_is_not_claimed()
    {
        var clock = new FakeClock();
        var processor = new BatchProcessor(new ScriptedAtol(clock), Options(clock, new BatchOptions()));

        Assert.Equal(BatchOutcomeKind.Done, Assert.Single(await Run(processor, BatchFixtures.Sells(1, "over"))).Kind);

        Assert.False(processor.OnCallback(Encoding.UTF8.GetBytes(Report("u-over-0", "over-0", "done")))); // no longer awaited
    }

    [Fact]
    public async Task A_document_that_failed_before_is_not_sent_and_says_whether_it_failed_in_this_run_or_an_earlier_one()
    {
        var items = BatchFixtures.Sells(2, "gone-bad").ToList();
        var journal = new ScriptedJournal
        {
            Previous =
            {
                ["gone-bad-0"] = new JournalRecord(JournalState.Failed, items[0].Operation, null) { LineNumber = 4, Error = "Agent/2003: ИНН не соответствует" },
                ["gone-bad-1"] = new JournalRecord(JournalState.Failed, items[1].Operation, "u-9") { LineNumber = 9, RecordedThisRun = true },
            },
        };
        var atol = new ScriptedAtol(new FakeClock());

        var outcomes = (await Run(new BatchProcessor(atol, new BatchOptions { Journal = journal, RequestsPerSecond = 0 }), items)).OrderBy(o => o.ExternalId, StringComparer.Ordinal).ToList();

        Assert.Equal(
            ["failed in an earlier run (journal line 4, an earlier run): Agent/2003: ИНН не соответствует",
             "failed earlier in this run (journal line 9, earlier in this run): see the journal"],
            outcomes.Select(o => o.Error));
        Assert.All(outcomes, o => Assert.Equal((BatchOutcomeKind.Failed, AtolErrorAction.FixDocument, true), (o.Kind, o.Action!.Value, o.FromJournal)));
        Assert.Equal([false, true], outcomes.Select(o => o.IsRepeat));
        Assert.Empty(atol.Registered);
    }

    [Fact]
    public async Task Another_document_under_a_journaled_external_id_is_a_conflict_naming_both_hashes()
    {
        var item = BatchFixtures.Sells(1, "hashed").Single();
        const string Journaled = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var journal = new ScriptedJournal
        {
            Previous = { ["hashed-0"] = new JournalRecord(JournalState.Done, item.Operation, "u-1") { LineNumber = 6, ContentHash = Journaled } },
        };
        var atol = new ScriptedAtol(new FakeClock());

        var outcome = Assert.Single(await Run(new BatchProcessor(atol, new BatchOptions { Journal = journal, RequestsPerSecond = 0 }), [item]));

        Assert.Equal(BatchOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal(
            $"conflict: external_id hashed-0 already belongs to another document (journal line 6, an earlier run); this one (sha256 {item.ContentHash[..16]}…, not 0123456789abcdef…) was not sent: give a different document its own external_id",
            outcome.Error);
        Assert.Empty(atol.Registered);
    }

    [Fact]
    public async Task Another_document_under_the_external_id_of_a_line_in_flight_is_a_conflict_naming_that_line()
    {
        var first = JournalFixtures.Sell(1, "twice", line: 1);
        var second = JournalFixtures.Sell(2, "twice", line: 2);
        var registering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var atol = new ScriptedAtol(new FakeClock()) { BeforeRegistering = _ => registering.Task };

        // Line 1 is registered only once line 2 was read, so that line 2 finds it in flight.
        async IAsyncEnumerable<BatchItem> Input()
        {
            yield return first;
            yield return second;
            registering.TrySetResult();
            await Task.CompletedTask;
        }

        var outcomes = await Run(new BatchProcessor(atol, Options(new FakeClock(), new BatchOptions { MaxAwaitingResult = 4 })), Input());

        var conflict = Assert.Single(outcomes, o => o.LineNumber == 2);
        Assert.Equal(
            $"conflict: external_id twice already belongs to another document (line 1 of this input); this one (sha256 {second.ContentHash[..16]}…, not {first.ContentHash[..16]}…) was not sent: give a different document its own external_id",
            conflict.Error);
        Assert.Equal(BatchOutcomeKind.Done, Assert.Single(outcomes, o => o.LineNumber == 1).Kind);
        Assert.Equal(["twice"], atol.Registered);
    }

    [Fact]
    public async Task A_document_ATOL_refuses_is_journaled_as_failed_with_the_refusal()
    {
        var journal = new ScriptedJournal();
        var atol = new ScriptedAtol(new FakeClock())
        {
            BeforeRegistering = _ => throw new AtolApiException("refused by ATOL", AtolErrorAction.FixDocument, 400, new AtolError(AtolErrorType.System, 32, "bad", "e-32"), "sell"),
        };

        var outcome = Assert.Single(await Run(new BatchProcessor(atol, new BatchOptions { Journal = journal, RequestsPerSecond = 0 }), BatchFixtures.Sells(1, "refused")));

        Assert.Equal((BatchOutcomeKind.Failed, "refused by ATOL"), (outcome.Kind, outcome.Error));
        Assert.Equal(["pending refused-0", "final refused-0 Failed  refused by ATOL"], journal.Changes);
    }

    [Fact]
    public async Task A_journal_that_fails_to_record_the_uuid_stops_the_batch_with_its_exception()
    {
        var journal = new ScriptedJournal { SentFailure = new IOException("disk full") };
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);

        var ex = await Assert.ThrowsAsync<IOException>(() => Run(new BatchProcessor(atol, Options(clock, new BatchOptions { Journal = journal })), BatchFixtures.Sells(1, "full")));

        Assert.Equal("disk full", ex.Message);
        Assert.Equal(["full-0"], atol.Registered);
        Assert.Empty(atol.Reported); // not awaited: the batch stopped
    }

    [Fact]
    public async Task A_document_that_breaks_the_rules_is_invalid_and_never_sent()
    {
        var document = SampleDocuments.Sell(3, 2, marked: false, agents: false) with { ExternalId = "rules-0" };
        var item = BatchItem.Create(AtolV5Operations.Sell, document with { Receipt = document.Receipt with { Total = document.Receipt.Total + 1 } });
        var atol = new ScriptedAtol(new FakeClock());

        var outcome = Assert.Single(await Run(new BatchProcessor(atol, new BatchOptions { RequestsPerSecond = 0 }), [item]));

        Assert.Equal((BatchOutcomeKind.Invalid, AtolErrorAction.FixDocument), (outcome.Kind, outcome.Action!.Value));
        Assert.Equal(item.Validate().Violations.First(v => v.Severity == ValidationSeverity.Error).ToString(), outcome.Error);
        Assert.Empty(atol.Registered);
    }

    [Fact]
    public async Task The_registration_rate_allows_a_burst_of_its_ceiling_then_waits_for_the_next_token()
    {
        // 1.5 per second: a bucket of 2 tokens, one more every 2/3 s, long after the third document's deadline.
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var options = Options(clock, new BatchOptions { DocumentDeadline = TimeSpan.FromMilliseconds(150) });
        options.RequestsPerSecond = 1.5;

        var outcomes = await Run(new BatchProcessor(atol, options), BatchFixtures.Sells(3, "rate"));

        Assert.Equal(2, atol.Registered.Count);
        var late = Assert.Single(outcomes, o => o.Kind != BatchOutcomeKind.Done);
        Assert.Equal((BatchOutcomeKind.Unresolved, AtolErrorAction.Retry, "the document deadline passed", (string?)null), (late.Kind, late.Action!.Value, late.Error, late.Uuid));
    }

    [Fact]
    public async Task A_rate_below_one_per_second_spaces_registrations_by_its_period()
    {
        // 0.001 per second: one token, the next after 1000 s.
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var options = Options(clock, new BatchOptions { DocumentDeadline = TimeSpan.FromMilliseconds(150) });
        options.RequestsPerSecond = 0.001;

        var outcomes = await Run(new BatchProcessor(atol, options), BatchFixtures.Sells(2, "slow-rate"));

        Assert.Single(atol.Registered);
        Assert.Equal(1, outcomes.Count(o => o.Kind == BatchOutcomeKind.Unresolved));
    }

    [Fact]
    public async Task Progress_is_reported_once_the_interval_has_passed_since_the_last_report_and_at_the_end()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var reports = new ConcurrentQueue<BatchProgress>();
        var options = Options(clock, new BatchOptions
        {
            FirstPollDelay = TimeSpan.FromSeconds(1), ProgressInterval = TimeSpan.FromSeconds(1), ExpectedCount = 3, Progress = new Synchronous(reports),
            MaxAwaitingResult = 1,
        });

        await Run(new BatchProcessor(atol, options), BatchFixtures.Sells(2, "progress"));

        // The first document is final at 1 s, exactly the interval: reported. The second at 1.95 s (the estimate fell
        // by 5 %): 0.95 s after the last report, not reported until the end.
        var second = atol.Reported[1].At;
        Assert.Equal([("u-progress-0", Sec(1)), ("u-progress-1", second)], atol.Reported);
        Assert.InRange(second, Sec(1.9), Sec(1.99));
        double rate = 2 / second.TotalSeconds;
        Assert.Equal(
            [new BatchProgress(1, 0, 1, 0, 0, 0, Sec(1), 1, Sec(2)), new BatchProgress(2, 0, 2, 0, 0, 0, second, rate, TimeSpan.FromSeconds(1 / rate))],
            reports);
    }

    [Fact]
    public async Task Progress_without_elapsed_time_has_no_rate_and_no_time_left()
    {
        var clock = new FakeClock();
        var reports = new ConcurrentQueue<BatchProgress>();
        var options = Options(clock, new BatchOptions { ProgressInterval = TimeSpan.Zero, ExpectedCount = 5, Progress = new Synchronous(reports), MaxAwaitingResult = 1 });

        await Run(new BatchProcessor(new ScriptedAtol(clock), options), [BatchItem.Unreadable(1, "broken"), BatchItem.Unreadable(2, "broken")]);

        Assert.Equal(
            [new BatchProgress(1, 0, 0, 0, 1, 0, TimeSpan.Zero, 0, null), new BatchProgress(2, 0, 0, 0, 2, 0, TimeSpan.Zero, 0, null), new BatchProgress(2, 0, 0, 0, 2, 0, TimeSpan.Zero, 0, null)],
            reports);
    }

    [Fact]
    public async Task Progress_at_a_rate_of_one_per_hundred_seconds_guesses_no_time_left()
    {
        var clock = new FakeClock();
        var reports = new ConcurrentQueue<BatchProgress>();
        var options = Options(clock, new BatchOptions { FirstPollDelay = TimeSpan.FromSeconds(100), ProgressInterval = TimeSpan.FromHours(1), ExpectedCount = 2, Progress = new Synchronous(reports) });

        await Run(new BatchProcessor(new ScriptedAtol(clock), options), BatchFixtures.Sells(1, "crawl"));

        // 0.01 per second is the least rate that gives an estimate, exclusive.
        Assert.Equal([new BatchProgress(1, 0, 1, 0, 0, 0, Sec(100), 0.01, null)], reports);
    }

    private static TimeSpan Sec(double seconds) => TimeSpan.FromSeconds(seconds);

    private static BatchOptions Options(FakeClock clock, BatchOptions options)
    {
        options.TimeProvider = clock;
        options.RequestsPerSecond = 0;
        options.Registers = BatchFixtures.FastRegisters;
        return options;
    }

    private static BatchCallbackResult Callback(BatchProcessor processor, AtolCallbackProof proof, string uuid, string externalId, string status) =>
        processor.OnCallback(proof.ComputeToken(externalId), Encoding.UTF8.GetBytes(Report(uuid, externalId, status)));

    private static Task<List<BatchOutcome>> Run(BatchProcessor processor, IEnumerable<BatchItem> items) => Run(processor, ToAsync(items));

    private static async Task<List<BatchOutcome>> Run(BatchProcessor processor, IAsyncEnumerable<BatchItem> items)
    {
        var all = new List<BatchOutcome>();
        await foreach (var outcome in processor.ProcessAsync(items, BatchFixtures.Ct).WithCancellation(BatchFixtures.Ct))
        {
            all.Add(outcome);
        }

        return all;
    }

    private static async IAsyncEnumerable<BatchItem> ToAsync(IEnumerable<BatchItem> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }

    private static string Report(string uuid, string externalId, string status)
    {
        string payload = status == "done"
            ? """{"fiscal_receipt_number":12,"shift_number":34,"receipt_datetime":"05.03.2026 14:02:00","total":1500.50,"fn_number":"9999078902004339","ecr_registration_number":"0000000003027865","fiscal_document_number":7,"fiscal_document_attribute":3449555941,"fns_site":"www.nalog.ru","ofd_inn":"7709364346","ofd_receipt_url":""}"""
            : "null";
        string error = status == "fail" ? """{"error_id":"7a1c","code":2003,"text":"ИНН не соответствует","type":"agent"}""" : "null";
        return $$"""{"uuid":"{{uuid}}","timestamp":"{{Timestamp}}","status":"{{status}}","group_code":"{{BatchFixtures.Group}}","external_id":"{{externalId}}","error":{{error}},"warnings":null,"callback_url":"","daemon_code":"d","device_code":"KKT000120","payload":{{payload}}}""";
    }

    /// <summary>Registers each document as u-{external_id} and reports it done; records what was sent and asked, and when (virtual time).</summary>
    private sealed class ScriptedAtol(FakeClock clock) : IAtolRegistrationClient
    {
        private readonly ConcurrentQueue<string> _registered = new();
        private readonly ConcurrentQueue<(string Uuid, TimeSpan At)> _reported = new();

        public Func<string, bool> Duplicate { get; init; } = _ => false;

        /// <summary>Awaited before a registration is answered (may throw ATOL's refusal).</summary>
        public Func<string, Task> BeforeRegistering { get; init; } = _ => Task.CompletedTask;

        public IReadOnlyList<string> Registered => [.. _registered];

        public IReadOnlyList<(string Uuid, TimeSpan At)> Reported => [.. _reported];

        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public async Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
        {
            await BeforeRegistering(document.ExternalId);
            _registered.Enqueue(document.ExternalId);
            return new AtolRegistration("u-" + document.ExternalId, AtolDocumentStatus.Wait, Timestamp, document.ExternalId, "sell", Duplicate(document.ExternalId), 1);
        }

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default)
        {
            _reported.Enqueue((uuid, clock.Elapsed));
            return Task.FromResult(AtolReport.Parse(AtolProtocolVersion.V5, Encoding.UTF8.GetBytes(Report(uuid, uuid["u-".Length..], "done"))));
        }

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => GetReportAsync(uuid, cancellationToken);
    }

    /// <summary>A journal in memory: scripted previous records, every change recorded as a line; may fail to record a uuid.</summary>
    private sealed class ScriptedJournal : IBatchJournal
    {
        private readonly ConcurrentQueue<string> _changes = new();

        public Dictionary<string, JournalRecord> Previous { get; } = new(StringComparer.Ordinal);

        public Exception? SentFailure { get; init; }

        public IReadOnlyList<string> Changes => [.. _changes];

        public bool TryGetPrevious(string externalId, out JournalRecord record) => Previous.TryGetValue(externalId, out record);

        public ValueTask RecordPendingAsync(string externalId, string operation, string contentHash, CancellationToken cancellationToken)
        {
            _changes.Enqueue($"pending {externalId}");
            return ValueTask.CompletedTask;
        }

        public ValueTask RecordSentAsync(string externalId, string operation, string uuid, CancellationToken cancellationToken)
        {
            if (SentFailure is { } failure)
            {
                return ValueTask.FromException(failure);
            }

            _changes.Enqueue($"sent {externalId} {uuid}");
            return ValueTask.CompletedTask;
        }

        public ValueTask RecordFinalAsync(string externalId, string operation, string? uuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken)
        {
            _changes.Enqueue($"final {externalId} {state} {uuid} {failure}");
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Synchronous(ConcurrentQueue<BatchProgress> reports) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => reports.Enqueue(value);
    }
}
