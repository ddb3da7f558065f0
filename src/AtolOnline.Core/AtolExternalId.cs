namespace AtolOnline;

/// <summary>Creates external_id values.</summary>
public static class AtolExternalId
{
    /// <summary>A new random external_id: 32 lower-case hexadecimal characters (a GUID without dashes).</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
