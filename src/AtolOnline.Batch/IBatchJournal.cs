namespace AtolOnline.Batch;

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

    /// <summary>
    /// Records the final state (<see cref="JournalState.Done"/> or <see cref="JournalState.Failed"/>; a journal may also
    /// keep <see cref="JournalState.Unresolved"/>) with the report's key data.
    /// </summary>
    ValueTask RecordFinalAsync(string externalId, string operation, string? uuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken);
}
