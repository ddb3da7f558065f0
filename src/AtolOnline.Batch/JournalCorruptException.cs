namespace AtolOnline.Batch;

/// <summary>
/// A journal line fails its checksum, does not parse or names an unknown state, and it is not the torn, newline-less
/// end of the file. Nothing was changed: check the file with <c>atol journal verify</c>, and repair it explicitly
/// with <c>atol journal repair</c> (which keeps a backup) before resuming.
/// </summary>
public sealed class JournalCorruptException : Exception
{
    /// <summary>Creates the exception for the first bad line of <paramref name="path"/>.</summary>
    public JournalCorruptException(string path, long lineNumber, long byteOffset, string problem)
        : base($"journal {path}: line {lineNumber} (byte {byteOffset}) is damaged: {problem}. Nothing was changed or sent; run `atol journal verify {path}`, then `atol journal repair {path}` (it keeps a backup)")
    {
        Path = path;
        LineNumber = lineNumber;
        ByteOffset = byteOffset;
        Problem = problem;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>The first damaged line (1-based).</summary>
    public long LineNumber { get; }

    /// <summary>Where that line starts in the file.</summary>
    public long ByteOffset { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
