namespace AtolOnline.Batch;

/// <summary>The state of one external_id in a journal.</summary>
public enum JournalState
{
    /// <summary>About to be sent (recorded before the request leaves): on restart it is sent again with the same external_id.</summary>
    Pending,

    /// <summary>ATOL accepted it and gave a uuid: on restart its report is polled.</summary>
    Sent,

    /// <summary>Fiscalized. Final: skipped on restart.</summary>
    Done,

    /// <summary>Refused for good. Final: skipped on restart.</summary>
    Failed,
}

/// <summary>The last recorded state of an external_id.</summary>
/// <param name="State">The state.</param>
/// <param name="Operation">The operation.</param>
/// <param name="Uuid">ATOL's uuid, once known.</param>
public readonly record struct JournalRecord(JournalState State, string Operation, string? Uuid)
{
    /// <summary>
    /// The SHA-256 (64 lowercase hex digits) of the request body that was journaled for this external_id; null for
    /// records written by a version that did not record it.
    /// </summary>
    public string? ContentHash { get; init; }

    /// <summary>The fiscal data of a <see cref="JournalState.Done"/> record.</summary>
    public BatchFiscalData? FiscalData { get; init; }

    /// <summary>Why a <see cref="JournalState.Failed"/> record failed, as journaled.</summary>
    public string? Error { get; init; }

    /// <summary>The journal line of the record (1-based; 0 when unknown).</summary>
    public long LineNumber { get; init; }

    /// <summary>True when the record was written by this run (the external_id came earlier in this run's input).</summary>
    public bool RecordedThisRun { get; init; }
}

/// <summary>
/// The batch's durable record: Pending -> Sent(uuid) -> Done or Failed per external_id. A method returns only once
/// its state change is durable, so a crash at any point loses nothing and a restart never registers twice. A method
/// that cannot make its change durable throws, and the batch stops.
/// </summary>
public interface IBatchJournal : IAsyncDisposable
{
    /// <summary>The last recorded state of <paramref name="externalId"/> (by an earlier run or earlier in this run), if any.</summary>
    bool TryGetPrevious(string externalId, out JournalRecord record);

    /// <summary>Records that the document whose request body has the SHA-256 <paramref name="contentHash"/> is about to be sent.</summary>
    ValueTask RecordPendingAsync(string externalId, string operation, string contentHash, CancellationToken cancellationToken);

    /// <summary>Records ATOL's uuid for the document.</summary>
    ValueTask RecordSentAsync(string externalId, string operation, string uuid, CancellationToken cancellationToken);

    /// <summary>Records the final state (<see cref="JournalState.Done"/> or <see cref="JournalState.Failed"/>) with the report's key data.</summary>
    ValueTask RecordFinalAsync(string externalId, string operation, string? uuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken);
}
