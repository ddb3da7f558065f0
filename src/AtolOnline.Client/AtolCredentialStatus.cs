namespace AtolOnline;

/// <summary>The verdict of <see cref="AtolCredentialCheck.CheckAsync"/>.</summary>
public enum AtolCredentialStatus
{
    /// <summary>Login, password and group are right and the group speaks the configured protocol.</summary>
    Valid,

    /// <summary>ATOL refused the login or password (error 12), or the user is blocked (error 14).</summary>
    WrongLoginOrPassword,

    /// <summary>Login and password are right, but the group code does not belong to them (error 20).</summary>
    WrongGroup,

    /// <summary>Login, password and group are right, but the group speaks the other protocol version than the one configured.</summary>
    ProtocolMismatch,

    /// <summary>The service could not be reached or kept failing (connection, timeout, HTTP 5xx or 429 after the retries).</summary>
    Unreachable,

    /// <summary>ATOL answered with an error this check does not explain (see <see cref="AtolCredentialCheckResult.Error"/>).</summary>
    Refused,
}
