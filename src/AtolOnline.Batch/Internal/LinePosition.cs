namespace AtolOnline.Batch.Internal;

/// <summary>Where a journal line starts, and its number.</summary>
internal readonly record struct LinePosition(long Offset, long Line);
