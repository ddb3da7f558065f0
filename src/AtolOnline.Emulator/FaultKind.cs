namespace AtolOnline.Emulator;

/// <summary>What a fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>No fault (a pass step in a scripted <see cref="FaultRule.Sequence"/>).</summary>
    None,

    /// <summary>HTTP 500 with ATOL's code-50 body (<c>Ошибка сервера. Обратитесь к Администратору.</c>).</summary>
    Status500,

    /// <summary>HTTP 502 with a proxy's HTML page, as a gateway in front of the service answers.</summary>
    Status502,

    /// <summary>HTTP 503 with a proxy's HTML page.</summary>
    Status503,

    /// <summary>The answer comes after <see cref="FaultRule.Delay"/> (real time), otherwise unchanged.</summary>
    Delay,

    /// <summary>No answer at all until the client gives up (or the emulator stops).</summary>
    Hang,

    /// <summary>The headers and part of the body are sent, then the connection is aborted.</summary>
    Drop,

    /// <summary>The normal answer with its JSON cut in the middle (status and headers intact).</summary>
    Malformed,

    /// <summary>The token of the request expires just before it is handled (on getToken: the issued token is already expired).</summary>
    ExpireToken,
}
