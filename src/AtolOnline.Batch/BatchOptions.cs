namespace AtolOnline.Batch;

/// <summary>Options of a <see cref="BatchProcessor"/>.</summary>
public sealed class BatchOptions
{
    // Decision 25 (schemas/DECISIONS.md).
    /// <summary>Documents in flight at once (registered and not yet final). Default 8: ATOL documents no rate, so the default stays low.</summary>
    public int MaxInFlight { get; set; } = 8;

    /// <summary>Registration requests per second across the batch; 0 = unlimited. Default 20.</summary>
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>How results are collected. Default polling.</summary>
    public BatchResultMode ResultMode { get; set; } = BatchResultMode.Polling;

    /// <summary>In callback mode, how long to wait for a callback before polling (ATOL: 300 s).</summary>
    public TimeSpan CallbackGrace { get; set; } = TimeSpan.FromSeconds(300);

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
