namespace AtolOnline.Emulator;

/// <summary>The endpoints a fault can be aimed at.</summary>
public enum FaultEndpoint
{
    /// <summary><c>possystem/{v4|v5}/getToken</c> (POST and GET).</summary>
    Token,

    /// <summary><c>possystem/{v4|v5}/{group}/{operation}</c>: document registration.</summary>
    Register,

    /// <summary><c>possystem/{v4|v5}/{group}/report/{uuid}</c>.</summary>
    Report,

    /// <summary>Every <c>api/...</c> endpoint of the monitoring API, its gettoken included.</summary>
    Monitoring,
}
