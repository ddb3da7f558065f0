using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>What <see cref="AtolCredentialCheck.CheckAsync"/> found out. Never contains the password or a token.</summary>
public sealed class AtolCredentialCheckResult
{
    internal AtolCredentialCheckResult(AtolCredentialStatus status, AtolProtocolVersion configured, AtolProtocolVersion? groupProtocol, AtolApiException? error, string message)
    {
        Status = status;
        ConfiguredProtocol = configured;
        GroupProtocol = groupProtocol;
        Error = error;
        Message = message;
    }

    /// <summary>The verdict.</summary>
    public AtolCredentialStatus Status { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="AtolCredentialStatus.Valid"/>.</summary>
    public bool IsValid => Status == AtolCredentialStatus.Valid;

    /// <summary>The protocol version of the options that were checked.</summary>
    public AtolProtocolVersion ConfiguredProtocol { get; }

    /// <summary>
    /// The protocol the login's group speaks (v5 getToken gave a token: v5; it answered error 21: v4), when ATOL told;
    /// null when the credentials were refused or the service was not reached.
    /// </summary>
    public AtolProtocolVersion? GroupProtocol { get; }

    /// <summary>The error behind a verdict other than <see cref="AtolCredentialStatus.Valid"/>, when there was one.</summary>
    public AtolApiException? Error { get; }

    /// <summary>One line for a person: what is wrong and what to change.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Status}: {Message}";
}
