namespace AtolOnline.Protocol;

/// <summary>Where an ATOL error comes from (the <c>error.type</c> member). Codes are unique only per type.</summary>
public enum AtolErrorType
{
    /// <summary>A value this library does not know, or no type in the body.</summary>
    Unknown = 0,

    /// <summary>Wire value <c>none</c> (v4 schema only).</summary>
    None,

    /// <summary>Wire value <c>unknown</c>: an unknown processing error (e.g. service code 0).</summary>
    UnknownError,

    /// <summary>Wire value <c>system</c>: a service error (codes 0-50) or a register-side system error.</summary>
    System,

    /// <summary>Wire value <c>driver</c>: an error of the cash register (codes 1-502).</summary>
    Driver,

    /// <summary>Wire value <c>timeout</c>: the document waited in the queue longer than 300 s (code 1).</summary>
    Timeout,

    /// <summary>Wire value <c>agent</c>: an error of the register agent (2003-2009).</summary>
    Agent,
}
