namespace AtolOnline.Batch.Internal;

/// <summary>One parsed journal line.</summary>
internal sealed record JournalEntry(
    string Time, string ExternalId, string Operation, JournalState State, string? Uuid, string? ContentHash, BatchFiscalData? Fiscal, string? Error)
{
    /// <summary>
    /// The record this line leaves: a line without uuid or content hash keeps those of the document's earlier line.
    /// </summary>
    public JournalRecord ToRecord(long lineNumber, string? earlierUuid, string? earlierHash) =>
        new(State, Operation, Uuid ?? earlierUuid)
        {
            ContentHash = ContentHash ?? earlierHash,
            FiscalData = Fiscal,
            Error = Error,
            LineNumber = lineNumber,
        };
}
