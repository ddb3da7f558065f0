namespace AtolOnline.Protocol;

/// <summary>The ATOL Online protocol version a register group speaks.</summary>
public enum AtolProtocolVersion
{
    /// <summary>Protocol v4, FFD 1.05 (<c>possystem/v4</c>).</summary>
    V4 = 4,

    /// <summary>Protocol v5, FFD 1.2 (<c>possystem/v5</c>).</summary>
    V5 = 5,
}
