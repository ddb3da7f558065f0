namespace AtolOnline;

/// <summary>A registration document (receipt or correction, v4 or v5): what the client needs to know about it besides its JSON.</summary>
public interface IAtolDocument
{
    /// <summary>The document's id in the caller's system (idempotency key of the group).</summary>
    string ExternalId { get; }
}
