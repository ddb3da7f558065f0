namespace AtolOnline;

/// <summary>A registration document (receipt or correction, v4 or v5): what the client needs to know about it besides its JSON.</summary>
public interface IAtolDocument
{
    /// <summary>The document's id in the caller's system (idempotency key of the group).</summary>
    string ExternalId { get; }
}

/// <summary>Creates external_id values.</summary>
public static class AtolExternalId
{
    /// <summary>A new random external_id: 32 lower-case hexadecimal characters (a GUID without dashes).</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
