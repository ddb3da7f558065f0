namespace AtolOnline.Batch.PostgreSql;

/// <summary>What one run of a <see cref="PostgresBatchWorker"/> did.</summary>
/// <param name="Claimed">Documents this worker claimed (a document given back and claimed again counts again).</param>
/// <param name="TakenOver">Claims of a document whose lease another worker had let expire (it died or stalled).</param>
/// <param name="Done">Documents this worker brought to done.</param>
/// <param name="Failed">Documents this worker brought to failed.</param>
/// <param name="Released">Documents given back to the queue unfinished (a transient failure or the deadline), to be tried again later.</param>
/// <param name="LeasesLost">Documents this worker did not send because its lease had lapsed before the send (its renewals were late); another worker handles them.</param>
/// <param name="DatabaseRoundTrips">Round trips to the database (claims, state changes, heartbeats, releases).</param>
/// <param name="CredentialsRefused">True when ATOL refused the credentials: the worker stopped claiming and gave its documents back.</param>
/// <param name="QueueFinished">True when the worker ended because every document of its protocol was final.</param>
public sealed record QueueWorkerResult(long Claimed, long TakenOver, long Done, long Failed, long Released, long LeasesLost, long DatabaseRoundTrips, bool CredentialsRefused, bool QueueFinished)
{
    /// <summary>
    /// Documents this worker recorded as unresolved: registered under their uuid, but ATOL no longer keeps their report
    /// (final, never sent again; look them up in ATOL's personal account or with the OFD).
    /// </summary>
    public long Unresolved { get; init; }
}
