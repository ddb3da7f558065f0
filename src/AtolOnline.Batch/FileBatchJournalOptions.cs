namespace AtolOnline.Batch;

/// <summary>Options of <see cref="FileBatchJournal.OpenAsync(string, FileBatchJournalOptions?, CancellationToken)"/>.</summary>
public sealed class FileBatchJournalOptions
{
    /// <summary>The clock of the lines' <c>time</c> member.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Opens the journal file for reading and appending (default: <see cref="FileMode.OpenOrCreate"/>,
    /// <see cref="FileAccess.ReadWrite"/>, <see cref="FileShare.None"/>, unbuffered). The journal acknowledges a change
    /// only after <see cref="FileStream.Flush(bool)"/> with <c>flushToDisk: true</c>. Tests pass a
    /// <see cref="FileStream"/> subclass here to observe flushes or make writes fail; the stream must hold the file
    /// exclusively (<see cref="FileShare.None"/>): that is the one-writer lock.
    /// </summary>
    public Func<string, FileStream>? OpenFile { get; set; }
}
