namespace AtolOnline.Batch;

/// <summary>A damaged journal line.</summary>
/// <param name="LineNumber">The line (1-based).</param>
/// <param name="ByteOffset">Where the line starts in the file.</param>
/// <param name="Problem">What is wrong with it.</param>
/// <param name="Excerpt">The line's first characters (non-printable ones shown as <c>?</c>), to recognise it.</param>
public sealed record JournalProblem(long LineNumber, long ByteOffset, string Problem, string Excerpt)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {LineNumber} (byte {ByteOffset}): {Problem}: {Excerpt}";
}
