namespace AtolOnline.Batch;

/// <summary>Where a document of a batch ended.</summary>
public enum BatchOutcomeKind
{
    /// <summary>Fiscalized: the report is <c>done</c>. Final.</summary>
    Done,

    /// <summary>ATOL refused it for good (report <c>fail</c>, or the registration was rejected). Final: send a corrected document under a new external_id.</summary>
    Failed,

    /// <summary>Never sent: the input line was unreadable or the document failed validation. Fix the input and run again.</summary>
    Invalid,

    /// <summary>
    /// Not final yet (transient failures outlasted the retries, the deadline passed, or credentials were refused).
    /// The journal keeps it pending or sent: run the batch again with the same journal.
    /// </summary>
    Unresolved,
}
