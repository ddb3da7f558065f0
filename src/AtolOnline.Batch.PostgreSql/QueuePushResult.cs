namespace AtolOnline.Batch.PostgreSql;

/// <summary>What a push did.</summary>
/// <param name="Added">Documents added to the queue.</param>
/// <param name="AlreadyQueued">Documents the queue already held with the same operation and content: nothing added.</param>
/// <param name="Conflicts">Documents whose external_id the queue holds for another document or operation: not added.</param>
/// <param name="Invalid">Documents that did not read or failed validation: not added.</param>
/// <param name="Problems">The first conflicts and invalid documents with their reasons.</param>
public sealed record QueuePushResult(long Added, long AlreadyQueued, long Conflicts, long Invalid, IReadOnlyList<QueuePushProblem> Problems)
{
    /// <summary>True when every document is in the queue (added now or before) as given.</summary>
    public bool IsComplete => Conflicts == 0 && Invalid == 0;
}
