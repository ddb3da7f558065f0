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
