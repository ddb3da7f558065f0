namespace AtolOnline.Batch.Internal;

/// <summary>One change waiting for the journal's writer: its line, the record it leaves, and the task acknowledged after the flush.</summary>
internal sealed class JournalAppend(byte[] line, JournalRecord record, string externalId)
{
    public byte[] Line { get; } = line;

    public JournalRecord Record { get; } = record;

    public string ExternalId { get; } = externalId;

    public LinePosition Position { get; set; }

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
