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

/// <summary>The outcome of one document.</summary>
public sealed record BatchOutcome
{
    /// <summary>The document's external_id.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The operation.</summary>
    public required string Operation { get; init; }

    /// <summary>Where it ended.</summary>
    public required BatchOutcomeKind Kind { get; init; }

    /// <summary>ATOL's uuid, once known.</summary>
    public string? Uuid { get; init; }

    /// <summary>The final report (done or fail), when fetched in this run.</summary>
    public AtolReport? Report { get; init; }

    /// <summary>
    /// The fiscal data of a done document: from the report fetched in this run, or, for an outcome taken from the
    /// journal, as the journal recorded it.
    /// </summary>
    public BatchFiscalData? FiscalData { get; init; }

    /// <summary>The input line, when the item came from a file.</summary>
    public long? LineNumber { get; init; }

    /// <summary>What to do about a failure (fix the document, check credentials, retry, unknown).</summary>
    public AtolErrorAction? Action { get; init; }

    /// <summary>A one-line description of the error, if any (never holds a token or password).</summary>
    public string? Error { get; init; }

    /// <summary>Validation violations of an invalid document.</summary>
    public IReadOnlyList<ValidationError>? Violations { get; init; }

    /// <summary>True when the journal already held the final state and nothing was sent or fetched.</summary>
    public bool FromJournal { get; init; }

    /// <summary>
    /// True when the same external_id with the same content came earlier in this run's input: the outcome is the
    /// earlier line's, and nothing was sent again.
    /// </summary>
    public bool IsRepeat { get; init; }

    /// <summary>True when ATOL answered that the external_id was already registered (the original uuid was adopted).</summary>
    public bool WasDuplicate { get; init; }

    /// <summary>Whether the outcome is final (done or failed).</summary>
    public bool IsFinal => Kind is BatchOutcomeKind.Done or BatchOutcomeKind.Failed;
}

/// <summary>Counts of a running batch.</summary>
/// <param name="Started">Items taken from the input.</param>
/// <param name="InFlight">Items being registered or waited for.</param>
/// <param name="Done">Items done.</param>
/// <param name="Failed">Items failed for good.</param>
/// <param name="Invalid">Items never sent (unreadable or invalid).</param>
/// <param name="Unresolved">Items left for a rerun.</param>
/// <param name="Elapsed">Time since the batch started.</param>
/// <param name="PerSecond">Completed items per second.</param>
/// <param name="Remaining">Estimated time left (when the expected count is known).</param>
public sealed record BatchProgress(long Started, long InFlight, long Done, long Failed, long Invalid, long Unresolved, TimeSpan Elapsed, double PerSecond, TimeSpan? Remaining)
{
    /// <summary>Items with an outcome.</summary>
    public long Completed => Done + Failed + Invalid + Unresolved;
}
