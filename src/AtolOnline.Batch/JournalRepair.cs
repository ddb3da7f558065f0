namespace AtolOnline.Batch;

/// <summary>The result of <see cref="FileBatchJournal.RepairAsync"/>.</summary>
/// <param name="BackupPath">The copy of the journal as it was before the repair; null when nothing had to change.</param>
/// <param name="Kept">Lines kept.</param>
/// <param name="Dropped">Damaged lines dropped (each was passed to the callback).</param>
/// <param name="ChecksumsAdded">Good lines of an older version that were given a checksum.</param>
/// <param name="TornTailBytes">Bytes of a torn last line that were cut.</param>
public sealed record JournalRepair(string? BackupPath, long Kept, long Dropped, long ChecksumsAdded, long TornTailBytes);
