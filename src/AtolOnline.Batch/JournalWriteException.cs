namespace AtolOnline.Batch;

/// <summary>
/// A journal write or flush failed (disk full, I/O error). The journal accepts nothing more and the batch stops: no
/// document is sent after the failure. Fix the cause and run again with the same journal: it resumes.
/// </summary>
public sealed class JournalWriteException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> with the failure's <paramref name="cause"/>.</summary>
    public JournalWriteException(string path, Exception cause)
        : base($"journal {path}: write failed ({cause?.Message}); the batch stopped, nothing more was sent; fix the cause and run again with the same journal to resume", cause)
    {
        Path = path;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }
}
