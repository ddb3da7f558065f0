namespace AtolOnline.Batch.Internal;

/// <summary>Receives each complete line of a journal; returns false to stop reading.</summary>
internal delegate bool JournalLineHandler(long lineNumber, long offset, ReadOnlySpan<byte> line, bool tooLong);
