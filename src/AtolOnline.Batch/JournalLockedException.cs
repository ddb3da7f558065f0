namespace AtolOnline.Batch;

/// <summary>
/// Another <see cref="FileBatchJournal"/> (in this process or another one) holds the journal: one writer per journal,
/// or the two runs would interleave their lines.
/// </summary>
public sealed class JournalLockedException : IOException
{
    /// <summary>Creates the exception; <paramref name="holderProcessId"/> is the holder's process id when known.</summary>
    public JournalLockedException(string path, int? holderProcessId, Exception? innerException = null)
        : base($"journal {path} is in use by another run{(holderProcessId is { } pid ? $" (process {pid})" : "")}: one writer per journal; wait for it to end or use another journal", innerException)
    {
        Path = path;
        HolderProcessId = holderProcessId;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>The process holding the journal, as it recorded itself next to the journal (null when unknown).</summary>
    public int? HolderProcessId { get; }
}
