namespace AtolOnline;

/// <summary>What a caller should do about an error.</summary>
public enum AtolErrorAction
{
    /// <summary>Nobody knows: a human should look (ATOL support, quoting <c>error_id</c>). Never retried automatically.</summary>
    Unknown = 0,

    /// <summary>The document or request is wrong: fix it and send it again (the same external_id may be reused when nothing was stored).</summary>
    FixDocument,

    /// <summary>Login, password, group code or protocol version are wrong (or the user is blocked): fix the configuration.</summary>
    CheckCredentials,

    /// <summary>Transient: send the same request again later, with the same external_id.</summary>
    Retry,
}
