namespace AtolOnline.Batch;

/// <summary>The result of <see cref="FileBatchJournal.VerifyAsync"/>.</summary>
/// <param name="Lines">Complete lines read.</param>
/// <param name="Problems">Damaged lines (each was also passed to the callback).</param>
/// <param name="LinesWithoutChecksum">Good lines without a checksum (written by an older version).</param>
/// <param name="TornTailBytes">Bytes of a torn, newline-less last line (cut when the journal is next opened); 0 when none.</param>
public sealed record JournalVerification(long Lines, long Problems, long LinesWithoutChecksum, long TornTailBytes)
{
    /// <summary>True when no line is damaged (a torn last line is not damage: it is cut on the next open).</summary>
    public bool IsClean => Problems == 0;
}
