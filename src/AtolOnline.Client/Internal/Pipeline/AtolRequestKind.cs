namespace AtolOnline.Internal.Pipeline;

/// <summary>What a request does, so that a failure can say what it means for the caller's document.</summary>
internal enum AtolRequestKind
{
    /// <summary>A document registration (sell, buy_refund, ...): a lost answer leaves the document maybe registered.</summary>
    Registration,

    /// <summary>A report request.</summary>
    Report,

    /// <summary>A token request.</summary>
    Token,

    /// <summary>A monitoring API request.</summary>
    Monitoring,
}
