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
public readonly record struct JournalRecord(JournalState State, string Operation, string? Uuid);

/// <summary>
/// The batch's durable record: Pending -> Sent(uuid) -> Done or Failed per external_id. A method returns only once
/// its state change is durable, so a crash at any point loses nothing and a restart never registers twice.
/// </summary>
public interface IBatchJournal : IAsyncDisposable
{
    /// <summary>The last state of <paramref name="externalId"/> recorded by an earlier run, if any.</summary>
    bool TryGetPrevious(string externalId, out JournalRecord record);

    /// <summary>Records that the document is about to be sent.</summary>
    ValueTask RecordPendingAsync(string externalId, string operation, CancellationToken cancellationToken);

    /// <summary>Records ATOL's uuid for the document.</summary>
    ValueTask RecordSentAsync(string externalId, string operation, string uuid, CancellationToken cancellationToken);

    /// <summary>Records the final state (<see cref="JournalState.Done"/> or <see cref="JournalState.Failed"/>) with the report's key data.</summary>
    ValueTask RecordFinalAsync(string externalId, string operation, string? uuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken);
}
