namespace AtolOnline.Batch.PostgreSql;

/// <summary>A queue at one moment.</summary>
/// <param name="Pending">Documents not yet accepted by ATOL (new, or sent without an answer that was recorded).</param>
/// <param name="Sent">Documents ATOL accepted (uuid recorded) whose report is not final yet.</param>
/// <param name="Done">Fiscalized documents.</param>
/// <param name="Failed">Documents refused for good.</param>
/// <param name="Leased">Open documents a live lease holds (a worker is handling them).</param>
/// <param name="PerSecond">Documents that became final per second, over the last minute.</param>
/// <param name="OldestPending">When the oldest pending document was pushed, if any is pending.</param>
/// <param name="OldestPendingAge">How long the oldest pending document has waited (by the database's clock).</param>
/// <param name="LiveWorkers">Workers whose heartbeat the database saw in the last minute.</param>
public sealed record QueueStatus(long Pending, long Sent, long Done, long Failed, long Leased, double PerSecond, DateTimeOffset? OldestPending, TimeSpan? OldestPendingAge, long LiveWorkers)
{
    /// <summary>
    /// Documents registered under their uuid whose report ATOL no longer keeps: final, never sent again; look their
    /// result up in ATOL's personal account or with the OFD.
    /// </summary>
    public long Unresolved { get; init; }

    /// <summary>Every document.</summary>
    public long Total => Pending + Sent + Done + Failed + Unresolved;

    /// <summary>True when every document is final (done, failed or unresolved).</summary>
    public bool IsFinished => Pending == 0 && Sent == 0;
}
