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

    /// <summary>
    /// Registered under its uuid, but ATOL no longer keeps its report: the result is unknown (look it up in ATOL's
    /// personal account or with the OFD). Final: never sent again. Recorded by the PostgreSQL queue; a journal file
    /// keeps such a document as <see cref="Sent"/>.
    /// </summary>
    Unresolved,
}
