using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>One row of ATOL's error tables.</summary>
/// <param name="Type">The error source; the code is unique only within it.</param>
/// <param name="Code">The code.</param>
/// <param name="Name">ATOL's symbolic name (service errors only).</param>
/// <param name="Meaning">What it means (English for service errors; ATOL's Russian label for register errors).</param>
/// <param name="Action">What to do.</param>
/// <param name="HttpStatus">The HTTP status ATOL documents for it (service errors answered directly), else null.</param>
public sealed record AtolErrorInfo(AtolErrorType Type, int Code, string? Name, string Meaning, AtolErrorAction Action, int? HttpStatus);
