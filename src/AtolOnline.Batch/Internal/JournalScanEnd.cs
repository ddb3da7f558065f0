namespace AtolOnline.Batch.Internal;

/// <summary>Where a journal scan ended.</summary>
/// <param name="ValidLength">Bytes up to the end of the last complete line.</param>
/// <param name="Length">Bytes read in all (more than <paramref name="ValidLength"/> when the last line is torn).</param>
/// <param name="Lines">Complete lines seen.</param>
/// <param name="Stopped">True when the handler stopped the scan.</param>
internal readonly record struct JournalScanEnd(long ValidLength, long Length, long Lines, bool Stopped);
