using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>An error object from an ATOL answer.</summary>
/// <param name="Type">The error source.</param>
/// <param name="Code">The code (meaningful only together with <paramref name="Type"/>).</param>
/// <param name="Text">ATOL's text (Russian); do not branch on it.</param>
/// <param name="ErrorId">ATOL's id of this error instance, for support; absent in some errors.</param>
public sealed record AtolError(AtolErrorType Type, int Code, string? Text, string? ErrorId)
{
    /// <summary>The row of ATOL's tables for (type, code), or null.</summary>
    public AtolErrorInfo? Info => AtolErrors.Find(Type, Code);

    /// <summary>What to do about it.</summary>
    public AtolErrorAction Action => AtolErrors.ActionFor(Type, Code);
}
