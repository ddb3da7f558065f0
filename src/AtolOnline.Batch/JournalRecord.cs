namespace AtolOnline.Batch;

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
