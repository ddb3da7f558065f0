using AtolOnline.Validation;

namespace AtolOnline.Batch;

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

    /// <summary>
    /// True when the document is registered under its <see cref="Uuid"/> but ATOL no longer keeps its report (its
    /// retention period passed): the result is unknown here. Look it up in ATOL's personal account or with the OFD;
    /// never send it again (that would fiscalize it twice). The <see cref="Kind"/> stays
    /// <see cref="BatchOutcomeKind.Unresolved"/>.
    /// </summary>
    public bool IsReportGone { get; init; }

    /// <summary>Whether the outcome is final (done or failed).</summary>
    public bool IsFinal => Kind is BatchOutcomeKind.Done or BatchOutcomeKind.Failed;
}
