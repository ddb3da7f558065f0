namespace AtolOnline.Batch;

/// <summary>Counts of a running batch.</summary>
/// <param name="Started">Items taken from the input.</param>
/// <param name="InFlight">Items being registered or waited for.</param>
/// <param name="Done">Items done.</param>
/// <param name="Failed">Items failed for good.</param>
/// <param name="Invalid">Items never sent (unreadable or invalid).</param>
/// <param name="Unresolved">Items left for a rerun.</param>
/// <param name="Elapsed">Time since the batch started.</param>
/// <param name="PerSecond">Completed items per second.</param>
/// <param name="Remaining">Estimated time left (when the expected count is known).</param>
public sealed record BatchProgress(long Started, long InFlight, long Done, long Failed, long Invalid, long Unresolved, TimeSpan Elapsed, double PerSecond, TimeSpan? Remaining)
{
    /// <summary>Items with an outcome.</summary>
    public long Completed => Done + Failed + Invalid + Unresolved;
}
