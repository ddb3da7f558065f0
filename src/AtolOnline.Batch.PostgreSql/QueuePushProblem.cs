namespace AtolOnline.Batch.PostgreSql;

/// <summary>A document a push did not add.</summary>
/// <param name="Index">Its position in the pushed sequence (1-based: the line of a JSON Lines file), when known.</param>
/// <param name="ExternalId">Its external_id, when it could be read.</param>
/// <param name="Reason">Why it was not added.</param>
public sealed record QueuePushProblem(long? Index, string? ExternalId, string Reason);
