using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch;

/// <summary>
/// Fiscalizes a stream of documents at the pace of the group's capacity: a few HTTP requests in flight
/// (<see cref="BatchOptions.MaxConcurrentRequests"/>), registrations at <see cref="BatchOptions.RequestsPerSecond"/>,
/// thousands of documents awaiting their results (<see cref="BatchOptions.MaxAwaitingResult"/>, which bounds memory),
/// and results collected by callbacks or by report requests that never exceed ATOL's limit of 1 per second per register
/// (<see cref="BatchOptions.Registers"/>), about one per document. A durable journal makes it resumable without loss or
/// duplicates; outcomes are yielded as documents complete. One <see cref="ProcessAsync(IAsyncEnumerable{BatchItem}, CancellationToken)"/>
/// at a time per processor.
/// </summary>
/// <remarks>
/// Exactly-once rests on the journal and on ATOL's external_id: a document is journaled as pending (with the SHA-256
/// of its request body) before it is sent, retried with the same external_id, and ATOL's duplicate answer (code 33)
/// adopts the uuid of the first registration. A restart skips final documents, polls sent ones and sends pending ones
/// again (their duplicates are absorbed the same way). An external_id that comes again with a different document (in
/// this input or in an earlier run) is an invalid outcome, never sent; with the same document it takes the earlier
/// outcome. Without a journal, a repeat is recognised only while the earlier line is still in flight. A journal that
/// fails to record a change stops the batch: nothing more is sent and <see cref="ProcessAsync(IAsyncEnumerable{BatchItem}, CancellationToken)"/>
/// throws the journal's exception.
/// </remarks>
public sealed class BatchProcessor
{
    private readonly IAtolRegistrationClient _client;
    private readonly BatchOptions _options;
    private readonly ConcurrentDictionary<string, AwaitedReport> _awaiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AtolReport?> _early = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly AtolCallbackProof? _proof;
    private ReportScheduler? _scheduler;
    private long _reportRequests, _rejectedCallbacks;
    private volatile bool _credentialsRefused;
    private volatile Exception? _journalFailure;

    /// <summary>Creates a processor over <paramref name="client"/>.</summary>
    public BatchProcessor(IAtolRegistrationClient client, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new BatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentRequests, 1, "options.MaxConcurrentRequests");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAwaitingResult, 1, "options.MaxAwaitingResult");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Registers, 1, "options.Registers");
        if (_options.CallbackBaseUrl is { } baseUrl)
        {
            _proof = _options.CallbackProof ?? AtolCallbackProof.CreateRandom();
            _ = _proof.CreateCallbackUrl(baseUrl, "x"); // refuses a base URL ATOL would never call, before anything is sent
        }
    }

    /// <summary>Report requests this processor has sent (each counts against ATOL's limit of 1 per second per register).</summary>
    public long ReportRequests => Interlocked.Read(ref _reportRequests);

    /// <summary>Callbacks ignored because their proof did not verify (see <see cref="OnCallback(ReadOnlySpan{char}, ReadOnlySpan{byte})"/>).</summary>
    public long RejectedCallbacks => Interlocked.Read(ref _rejectedCallbacks);

    /// <summary>Processes <paramref name="items"/> and yields each outcome as it completes.</summary>
    public IAsyncEnumerable<BatchOutcome> ProcessAsync(IEnumerable<BatchItem> items, CancellationToken cancellationToken = default) =>
        ProcessAsync(ToAsync(items), cancellationToken);

    /// <summary>Processes <paramref name="items"/> and yields each outcome as it completes.</summary>
    /// <exception cref="JournalWriteException">The journal failed to record a change: the batch stopped, nothing more was sent.</exception>
    public async IAsyncEnumerable<BatchOutcome> ProcessAsync(IAsyncEnumerable<BatchItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var outcomes = Channel.CreateBounded<BatchOutcome>(new BoundedChannelOptions(Math.Min(_options.MaxAwaitingResult, 1024)) { SingleReader = true });
        using var http = new SemaphoreSlim(_options.MaxConcurrentRequests);
        await using var scheduler = new ReportScheduler(_client, http, () => _options.Registers, _options.FirstPollDelay, _options.TimeProvider, () => Interlocked.Increment(ref _reportRequests));
        _scheduler = scheduler;
        var counters = new Counters(_options);
        using var limiter = _options.RequestsPerSecond > 0
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, (int)Math.Ceiling(_options.RequestsPerSecond)),
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(_options.RequestsPerSecond / 10)),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, (int)Math.Ceiling(_options.RequestsPerSecond / 10)) / _options.RequestsPerSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            })
            : null;

        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(ClaimInOrder(items, cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = _options.MaxAwaitingResult, CancellationToken = cancellationToken }, async (claim, ct) =>
                {
                    counters.Start();
                    var outcome = await RunItemAsync(claim, new Run(limiter, http, scheduler), ct).ConfigureAwait(false);
                    counters.Complete(outcome);
                    await outcomes.Writer.WriteAsync(outcome, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                outcomes.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                outcomes.Writer.TryComplete(_journalFailure ?? (ex is JournalFailure failure ? failure.InnerException : ex));
            }
        }, CancellationToken.None);

        await foreach (var outcome in outcomes.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return outcome;
        }

        await producer.ConfigureAwait(false);
        counters.Report(force: true);
    }

    // Decision 4 (schemas/DECISIONS.md).
    /// <summary>
    /// Passes a callback body (as POSTed by ATOL to a callback_url the documents carried themselves) to the batch: the
    /// body proves nothing, so the waiting document is polled at once (within the report limit) and the report ATOL
    /// answers is what counts. Returns true when a document of this run was waiting for it. A callback that arrives
    /// before its document started waiting (ATOL can be faster than the registration answer) is kept (a bounded number).
    /// </summary>
    public bool OnCallback(ReadOnlySpan<byte> body)
    {
        var claimed = TryParse(body);
        var uuid = claimed?.Uuid; // a local, not a pattern designation: keeps Stryker's mutants compilable (README, "Mutation testing")
        if (uuid is null)
        {
            return false;
        }

        if (_awaiting.TryGetValue(uuid, out var awaited))
        {
            _scheduler?.PollNow(awaited);
            return true;
        }

        KeepEarly(uuid, null);
        return false;
    }

    /// <summary>Asynchronous form of <see cref="OnCallback(ReadOnlySpan{byte})"/> for request handlers.</summary>
    public ValueTask<bool> OnCallbackAsync(ReadOnlyMemory<byte> body) => ValueTask.FromResult(OnCallback(body.Span));

    /// <summary>
    /// Passes a callback that arrived on a URL made by <see cref="BatchOptions.CallbackBaseUrl"/>: <paramref name="token"/>
    /// is that URL's last path segment. When it verifies for the body's external_id (ATOL's callbacks carry no signature,
    /// but only ATOL and this batch know the URL), the body's final report completes its document without a report
    /// request. A callback without a valid proof is ignored and logged (without the token), never applied.
    /// </summary>
    /// <param name="token">The last path segment of the URL the callback was POSTed to.</param>
    /// <param name="body">The raw request body.</param>
    public BatchCallbackResult OnCallback(ReadOnlySpan<char> token, ReadOnlySpan<byte> body)
    {
        var claimed = TryParse(body);
        string? uuid = claimed?.Uuid, externalId = claimed?.ExternalId;
        if (_proof is null || claimed is null || uuid is null || string.IsNullOrEmpty(externalId) || !_proof.Verify(externalId, token))
        {
            Interlocked.Increment(ref _rejectedCallbacks);
            if (_options.Logger is { } logger)
            {
                BatchLog.CallbackRejected(logger, uuid ?? "(none)", externalId ?? "(none)", _proof is null ? "this batch made no callback URLs" : claimed is null ? "the body is not a report" : "its proof does not verify");
            }

            return BatchCallbackResult.Rejected;
        }

        if (!claimed!.IsFinal)
        {
            return BatchCallbackResult.Ignored; // ATOL calls back only with done or fail
        }

        if (_awaiting.TryGetValue(uuid, out var awaited))
        {
            return Apply(awaited, claimed) ? BatchCallbackResult.Applied : BatchCallbackResult.Ignored;
        }

        return KeepEarly(uuid, claimed) ? BatchCallbackResult.Kept : BatchCallbackResult.Ignored;
    }

    /// <summary>Asynchronous form of <see cref="OnCallback(ReadOnlySpan{char}, ReadOnlySpan{byte})"/> for request handlers.</summary>
    public ValueTask<BatchCallbackResult> OnCallbackAsync(string token, ReadOnlyMemory<byte> body) => ValueTask.FromResult(OnCallback(token.AsSpan(), body.Span));

    private AtolReport? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            return AtolReport.Parse(_client.ProtocolVersion, body);
        }
        catch (AtolJsonException)
        {
            return null;
        }
    }

    /// <summary>Completes a waiting document with a verified callback's report (the same external_id, never another's).</summary>
    private bool Apply(AwaitedReport awaited, AtolReport verified)
    {
        if (!string.Equals(awaited.ExternalId, verified.ExternalId, StringComparison.Ordinal) || !awaited.Complete(verified))
        {
            return false;
        }

        _scheduler?.Observe(awaited);
        return true;
    }

    /// <summary>Keeps a callback for a uuid no document waits for yet; bounded so that stray callbacks cannot grow it.</summary>
    private bool KeepEarly(string uuid, AtolReport? verified)
    {
        if (_early.Count >= _options.MaxAwaitingResult * 2)
        {
            return false;
        }

        _early[uuid] = verified ?? (_early.TryGetValue(uuid, out var kept) ? kept : null);
        if (_awaiting.TryGetValue(uuid, out var awaited) && _early.TryRemove(uuid, out var early))
        {
            TakeEarly(awaited, early); // the document started waiting meanwhile
        }

        return true;
    }

    private void TakeEarly(AwaitedReport awaited, AtolReport? early)
    {
        if (early is null || !Apply(awaited, early))
        {
            _scheduler?.PollNow(awaited);
        }
    }

    /// <summary>
    /// Claims each item's external_id as the input is read, in input order (the parallel workers race; the input does
    /// not): the first line of an external_id in flight owns it, and a later line waits for it.
    /// </summary>
    private async IAsyncEnumerable<Claim> ClaimInOrder(IAsyncEnumerable<BatchItem> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.InputError is not null)
            {
                yield return new Claim(item, null, null);
                continue;
            }

            var mine = new InFlight(item);
            InFlight? first = null;
            while (!_inFlight.TryAdd(item.ExternalId, mine))
            {
                if (_inFlight.TryGetValue(item.ExternalId, out first))
                {
                    break; // else the owner finished between the two calls: try to own it again
                }
            }

            yield return first is null ? new Claim(item, mine, null) : new Claim(item, null, first);
        }
    }

    /// <summary>
    /// Runs one item, unless an earlier line of the same external_id is in flight in this run: then it waits for that
    /// one and takes its outcome (same document) or is a conflict (another document). Never two registrations of one
    /// external_id at once.
    /// </summary>
    private async Task<BatchOutcome> RunItemAsync(Claim claim, Run run, CancellationToken cancellationToken)
    {
        var item = claim.Item;
        if (claim.First is { } first)
        {
            var earlier = await first.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return Conflict(item, first.Item.Operation, first.Item.ContentHash, $"line {first.Item.LineNumber?.ToString(CultureInfo.InvariantCulture) ?? "?"} of this input") is { } conflict
                ? conflict
                : earlier with { LineNumber = item.LineNumber, IsRepeat = true };
        }

        var mine = claim.Mine;
        if (mine is null)
        {
            return await RunAsync(item, run, cancellationToken).ConfigureAwait(false); // an input error: nothing to own
        }

        try
        {
            var outcome = await RunAsync(item, run, cancellationToken).ConfigureAwait(false);
            mine.Outcome.TrySetResult(outcome);
            return outcome;
        }
        catch
        {
            mine.Outcome.TrySetCanceled(CancellationToken.None);
            throw;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, InFlight>(item.ExternalId, mine));
        }
    }

    private async Task<BatchOutcome> RunAsync(BatchItem item, Run run, CancellationToken cancellationToken)
    {
        var outcome = new BatchOutcome { ExternalId = item.ExternalId, Operation = item.Operation, Kind = BatchOutcomeKind.Invalid, LineNumber = item.LineNumber };
        if (item.InputError is { } inputError)
        {
            return outcome with { Error = inputError, Action = AtolErrorAction.FixDocument };
        }

        var journal = _options.Journal;
        string? uuid = null;
        if (journal is not null && journal.TryGetPrevious(item.ExternalId, out var previous))
        {
            string where = $"journal line {previous.LineNumber}, {(previous.RecordedThisRun ? "earlier in this run" : "an earlier run")}";
            if (Conflict(item, previous.Operation, previous.ContentHash, where) is { } conflict)
            {
                return conflict;
            }

            switch (previous.State)
            {
                case JournalState.Done:
                    return outcome with { Kind = BatchOutcomeKind.Done, Uuid = previous.Uuid, FromJournal = true, IsRepeat = previous.RecordedThisRun, FiscalData = previous.FiscalData };
                case JournalState.Failed:
                    return outcome with
                    {
                        Kind = BatchOutcomeKind.Failed, Uuid = previous.Uuid, FromJournal = true, IsRepeat = previous.RecordedThisRun, Action = AtolErrorAction.FixDocument,
                        Error = $"failed {(previous.RecordedThisRun ? "earlier in this run" : "in an earlier run")} ({where}): {previous.Error ?? "see the journal"}",
                    };
                case JournalState.Sent:
                    uuid = previous.Uuid;
                    break;
                case JournalState.Unresolved:
                    // Registered, its report gone: never sent again (a journal that records this state says so).
                    return outcome with
                    {
                        Kind = BatchOutcomeKind.Unresolved, Uuid = previous.Uuid, FromJournal = true, IsRepeat = previous.RecordedThisRun, IsReportGone = true,
                        Action = AtolErrorAction.Unknown,
                        Error = $"registered as {previous.Uuid}, but ATOL no longer has its report ({where}); "
                            + "look its result up in ATOL's personal account or with the OFD; never send it again and do not change it",
                    };
            }
        }

        if (uuid is null)
        {
            var validation = item.Validate();
            if (!validation.IsValid)
            {
                return outcome with { Violations = validation.Violations, Action = AtolErrorAction.FixDocument, Error = validation.Violations.First(v => v.Severity == ValidationSeverity.Error).ToString() };
            }
        }

        string? callbackUrl = null;
        if (uuid is null && _proof is not null)
        {
            try
            {
                callbackUrl = _proof.CreateCallbackUrl(_options.CallbackBaseUrl!, item.ExternalId);
            }
            catch (ArgumentException ex)
            {
                return outcome with { Action = AtolErrorAction.FixDocument, Error = $"not sent: no callback URL fits ATOL's limits for this external_id: {ex.Message}" };
            }
        }

        if (_credentialsRefused)
        {
            return outcome with { Kind = BatchOutcomeKind.Unresolved, Uuid = uuid, Action = AtolErrorAction.CheckCredentials, Error = "not sent: ATOL refused the credentials earlier in this run" };
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.DocumentDeadline);
        var ct = deadline.Token;
        bool duplicate = false, expectCallback = false;
        try
        {
            if (uuid is null)
            {
                if (journal is not null)
                {
                    await JournalAsync(journal.RecordPendingAsync(item.ExternalId, item.Operation, item.ContentHash, ct)).ConfigureAwait(false);
                }

                if (run.Limiter is not null)
                {
                    using var lease = await run.Limiter.AcquireAsync(1, ct).ConfigureAwait(false);
                }

                if (_journalFailure is { } failed)
                {
                    throw new JournalFailure(failed); // the journal failed meanwhile: nothing is sent after a failed write
                }

                AtolRegistration registration;
                await run.Http.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    registration = await item.RegisterAsync(_client, callbackUrl, ct).ConfigureAwait(false);
                }
                finally
                {
                    run.Http.Release();
                }

                uuid = registration.Uuid;
                duplicate = registration.IsDuplicate;
                // A duplicate (33) was registered by an earlier attempt, whose callback_url this run cannot verify.
                expectCallback = _options.ResultMode == BatchResultMode.Callback && !duplicate;
                if (journal is not null)
                {
                    await JournalAsync(journal.RecordSentAsync(item.ExternalId, item.Operation, uuid, ct)).ConfigureAwait(false);
                }
            }

            var report = await WaitAsync(item.ExternalId, uuid, expectCallback, run.Scheduler, ct).ConfigureAwait(false);
            var kind = report.Status == AtolDocumentStatus.Done ? BatchOutcomeKind.Done : BatchOutcomeKind.Failed;
            if (journal is not null)
            {
                await JournalAsync(journal.RecordFinalAsync(item.ExternalId, item.Operation, uuid, kind == BatchOutcomeKind.Done ? JournalState.Done : JournalState.Failed, report, null, ct)).ConfigureAwait(false);
            }

            return outcome with
            {
                Kind = kind,
                Uuid = uuid,
                Report = report,
                FiscalData = BatchFiscalData.From(report),
                WasDuplicate = duplicate,
                Action = report.Error?.Action,
                Error = report.Error is { } e ? $"{e.Type}/{e.Code}: {e.Text}" : null,
            };
        }
        catch (AtolApiException ex) when (ex.Action == AtolErrorAction.FixDocument && uuid is null)
        {
            // ATOL refused the document itself (nothing was stored): final for this external_id (decision 5, schemas/DECISIONS.md).
            if (journal is not null)
            {
                await JournalAsync(journal.RecordFinalAsync(item.ExternalId, item.Operation, null, JournalState.Failed, null, ex.Message, cancellationToken)).ConfigureAwait(false);
            }

            return outcome with { Kind = BatchOutcomeKind.Failed, Action = ex.Action, Error = ex.Message };
        }
        catch (AtolApiException ex) when (uuid is not null && ex.Type == AtolErrorType.System && ex.Code == 30)
        {
            // ATOL no longer knows a uuid it gave (30: its report retention passed). The document IS registered:
            // sending it again would fiscalize it twice, and nothing is wrong with it. The journal keeps it as sent.
            return outcome with
            {
                Kind = BatchOutcomeKind.Unresolved,
                Uuid = uuid,
                Action = AtolErrorAction.Unknown,
                IsReportGone = true,
                WasDuplicate = duplicate,
                Error = $"registered as {uuid}, but ATOL no longer has its report (code 30: past its retention period); "
                    + "look its result up in ATOL's personal account or with the OFD; never send it again and do not change it",
            };
        }
        catch (AtolApiException ex)
        {
            if (ex.Action == AtolErrorAction.CheckCredentials)
            {
                _credentialsRefused = true;
            }

            return outcome with { Kind = BatchOutcomeKind.Unresolved, Uuid = uuid, Action = ex.Action, Error = ex.Message, WasDuplicate = duplicate };
        }
        catch (AtolValidationException ex)
        {
            return outcome with { Violations = ex.Result.Violations, Action = AtolErrorAction.FixDocument, Error = ex.Message };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or TimeoutException or IOException)
        {
            return outcome with { Kind = BatchOutcomeKind.Unresolved, Uuid = uuid, Action = AtolErrorAction.Retry, Error = ex is OperationCanceledException ? "the document deadline passed" : ex.Message, WasDuplicate = duplicate };
        }
    }

    /// <summary>An outcome naming both sides when <paramref name="item"/> is another document than the one known under its external_id.</summary>
    private static BatchOutcome? Conflict(BatchItem item, string operation, string? contentHash, string where)
    {
        string? difference = operation != item.Operation
            ? $"operation {item.Operation}, not {operation}"
            : contentHash is not null && contentHash != item.ContentHash
                ? $"sha256 {item.ContentHash[..16]}…, not {contentHash[..Math.Min(16, contentHash.Length)]}…"
                : null;
        return difference is null ? null : new BatchOutcome
        {
            ExternalId = item.ExternalId,
            Operation = item.Operation,
            Kind = BatchOutcomeKind.Invalid,
            LineNumber = item.LineNumber,
            Action = AtolErrorAction.FixDocument,
            Error = $"conflict: external_id {item.ExternalId} already belongs to another document ({where}); this one ({difference}) was not sent: give a different document its own external_id",
        };
    }

    /// <summary>Awaits a journal change; a failure stops the whole batch (nothing may be sent that the journal does not know).</summary>
    private async ValueTask JournalAsync(ValueTask change)
    {
        try
        {
            await change.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _journalFailure ??= ex;
            throw new JournalFailure(ex);
        }
    }

    /// <summary>
    /// Awaits the final report of a registered document: a verified callback, or the scheduler's report requests (first
    /// after the observed latency; in callback mode after <see cref="BatchOptions.CallbackGrace"/>, as ATOL advises).
    /// </summary>
    private async Task<AtolReport> WaitAsync(string externalId, string uuid, bool expectCallback, ReportScheduler scheduler, CancellationToken cancellationToken)
    {
        var awaited = scheduler.Register(uuid, externalId);
        awaited.Cancellation = cancellationToken;
        _awaiting[uuid] = awaited;
        try
        {
            using var cancel = cancellationToken.Register(static state => ((AwaitedReport)state!).Cancel(), awaited);
            if (_early.TryRemove(uuid, out var early))
            {
                TakeEarly(awaited, early);
            }
            else
            {
                scheduler.Schedule(awaited, expectCallback ? _options.CallbackGrace : null);
            }

            return await awaited.Task.ConfigureAwait(false);
        }
        finally
        {
            _awaiting.TryRemove(new KeyValuePair<string, AwaitedReport>(uuid, awaited));
        }
    }

    private static async IAsyncEnumerable<BatchItem> ToAsync(IEnumerable<BatchItem> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>What the documents of one run share: the registration rate, the HTTP slots and the report scheduler.</summary>
    private readonly record struct Run(RateLimiter? Limiter, SemaphoreSlim Http, ReportScheduler Scheduler);

    /// <summary>An item read from the input: it owns its external_id (<paramref name="Mine"/>) or waits for the line that does (<paramref name="First"/>).</summary>
    private readonly record struct Claim(BatchItem Item, InFlight? Mine, InFlight? First);

    /// <summary>An item being processed, which a later line with the same external_id waits for.</summary>
    private sealed class InFlight(BatchItem item)
    {
        public BatchItem Item { get; } = item;

        public TaskCompletionSource<BatchOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Carries a journal failure through the per-document handlers, which must not turn it into an outcome.</summary>
    private sealed class JournalFailure(Exception inner) : Exception(inner.Message, inner);

    private sealed class Counters(BatchOptions options)
    {
        private readonly long _start = options.TimeProvider.GetTimestamp();
        private long _started, _done, _failed, _invalid, _unresolved, _lastReport;

        public void Start() => Interlocked.Increment(ref _started);

        public void Complete(BatchOutcome outcome)
        {
            _ = outcome.Kind switch
            {
                BatchOutcomeKind.Done => Interlocked.Increment(ref _done),
                BatchOutcomeKind.Failed => Interlocked.Increment(ref _failed),
                BatchOutcomeKind.Invalid => Interlocked.Increment(ref _invalid),
                _ => Interlocked.Increment(ref _unresolved),
            };
            Report(force: false);
        }

        public void Report(bool force)
        {
            var progress = options.Progress;
            if (progress is null)
            {
                return;
            }

            long now = options.TimeProvider.GetTimestamp();
            long last = Interlocked.Read(ref _lastReport);
            if (!force && options.TimeProvider.GetElapsedTime(last == 0 ? _start : last, now) < options.ProgressInterval)
            {
                return;
            }

            if (!force && Interlocked.CompareExchange(ref _lastReport, now, last) != last)
            {
                return; // another thread reports this interval
            }

            var elapsed = options.TimeProvider.GetElapsedTime(_start, now);
            long done = Interlocked.Read(ref _done), failed = Interlocked.Read(ref _failed), invalid = Interlocked.Read(ref _invalid), unresolved = Interlocked.Read(ref _unresolved);
            long completed = done + failed + invalid + unresolved;
            long started = Interlocked.Read(ref _started);
            double rate = elapsed.TotalSeconds > 0 ? completed / elapsed.TotalSeconds : 0;
            TimeSpan? remaining = options.ExpectedCount is { } expected && rate > 0.01 ? TimeSpan.FromSeconds(Math.Min(Math.Max(0, expected - completed) / rate, TimeSpan.FromDays(365).TotalSeconds)) : null;
            progress.Report(new BatchProgress(started, started - completed, done, failed, invalid, unresolved, elapsed, rate, remaining));
        }
    }
}
