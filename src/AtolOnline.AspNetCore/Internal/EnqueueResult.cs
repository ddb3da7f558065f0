namespace AtolOnline.Internal;

/// <summary>What became of a callback offered to the inbox.</summary>
internal enum EnqueueResult
{
    Queued,
    Duplicate,
    Full,
}
