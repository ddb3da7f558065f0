namespace AtolOnline.Batch;

/// <summary>Options of a <see cref="BatchProcessor"/>.</summary>
public sealed class BatchOptions
{
    /// <summary>
    /// HTTP requests (registrations and report requests) in flight at once. Default 8: a request takes a fraction of a
    /// second, so a few connections carry a whole group's traffic.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>
    /// Documents taken from the input and not yet final (being registered or awaiting their result). Bounds the batch's
    /// memory; throughput is bound by the group's registers, not by this. Default 4096 (ATOL fails a document that waited
    /// 300 s in its queue, so a group never holds more than 300 s of its capacity usefully).
    /// </summary>
    public int MaxAwaitingResult { get; set; } = 4096;

    // Decision 25 (schemas/DECISIONS.md).
    /// <summary>Registration requests per second across the batch; 0 = unlimited. Default 20.</summary>
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>
    /// Cash registers of the group. ATOL allows 1 report request per second per register, and the batch never sends more.
    /// Default 1, the smallest group: a larger group is used fully only when its size is given here (the CLI's
    /// <c>--registers</c>, or the count of the group's registers in the monitoring API). Read before every report
    /// request, so a run may change it while it goes (a queue worker that shares the group with others does).
    /// </summary>
    public int Registers { get; set; } = 1;

    /// <summary>
    /// Delay of the first report request of the first documents. The batch then tracks the latency it observes
    /// (registration to final) from its first polls, so that about four in five find their document final. Default 3 s
    /// (real documents take 4-6 s).
    /// </summary>
    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How results are collected. Default polling.</summary>
    public BatchResultMode ResultMode { get; set; } = BatchResultMode.Polling;

    /// <summary>In callback mode, how long to wait for a callback before polling (ATOL: 300 s).</summary>
    public TimeSpan CallbackGrace { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// In callback mode, the receiver's public base URL: each document is sent with the callback_url
    /// <see cref="AtolCallbackProof.CreateCallbackUrl"/> makes of it with <see cref="CallbackProof"/> (replacing the
    /// document's own). Null: the documents keep their callback_url and each callback is confirmed by a report request.
    /// </summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>
    /// The key of the callback URLs (with <see cref="CallbackBaseUrl"/>): a callback whose token verifies for its
    /// external_id is trusted without a report request; any other is ignored and logged. Default: a random key per processor.
    /// </summary>
    public AtolCallbackProof? CallbackProof { get; set; }

    /// <summary>Where rejected callbacks are logged (never with their token). Null: not logged.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; set; }

    /// <summary>
    /// Time one document may take from sending to its final report; after it the outcome is
    /// <see cref="BatchOutcomeKind.Unresolved"/> and the journal keeps it as sent, so a rerun polls it again.
    /// </summary>
    public TimeSpan DocumentDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The journal that makes the batch resumable; null keeps no record (not resumable).</summary>
    public IBatchJournal? Journal { get; set; }

    /// <summary>Receives progress at most every <see cref="ProgressInterval"/> and at the end.</summary>
    public IProgress<BatchProgress>? Progress { get; set; }

    /// <summary>Minimum time between two progress reports. Default 250 ms.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The number of items, when known, for the ETA.</summary>
    public long? ExpectedCount { get; set; }

    /// <summary>The clock (tests may replace it).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
