namespace AtolOnline.Protocol;

/// <summary>
/// The generated v4 and v5 status and error-type enums read as the version-neutral <see cref="AtolDocumentStatus"/> and
/// <see cref="AtolErrorType"/>: the one place that maps them (the schemas generate one enum type per version).
/// </summary>
public static class AtolProtocolMapping
{
    /// <summary>A v5 <c>status</c> as the version-neutral status (<see cref="AtolDocumentStatus.Unknown"/> for null or a value added later).</summary>
    /// <param name="status">The v5 status.</param>
    /// <returns>The version-neutral status.</returns>
    public static AtolDocumentStatus ToDocumentStatus(V5.DocumentStatus? status) => status switch
    {
        V5.DocumentStatus.Wait => AtolDocumentStatus.Wait,
        V5.DocumentStatus.Done => AtolDocumentStatus.Done,
        V5.DocumentStatus.Fail => AtolDocumentStatus.Fail,
        _ => AtolDocumentStatus.Unknown,
    };

    /// <summary>A v4 <c>status</c> as the version-neutral status (<see cref="AtolDocumentStatus.Unknown"/> for null or a value added later).</summary>
    /// <param name="status">The v4 status.</param>
    /// <returns>The version-neutral status.</returns>
    public static AtolDocumentStatus ToDocumentStatus(V4.DocumentStatus? status) => status switch
    {
        V4.DocumentStatus.Wait => AtolDocumentStatus.Wait,
        V4.DocumentStatus.Done => AtolDocumentStatus.Done,
        V4.DocumentStatus.Fail => AtolDocumentStatus.Fail,
        _ => AtolDocumentStatus.Unknown,
    };

    /// <summary>A v5 <c>error.type</c> as the version-neutral type (<see cref="AtolErrorType.Unknown"/> for null or a value added later).</summary>
    /// <param name="type">The v5 error type.</param>
    /// <returns>The version-neutral type.</returns>
    public static AtolErrorType ToErrorType(V5.ErrorType? type) => type switch
    {
        V5.ErrorType.System => AtolErrorType.System,
        V5.ErrorType.Driver => AtolErrorType.Driver,
        V5.ErrorType.Agent => AtolErrorType.Agent,
        V5.ErrorType.Timeout => AtolErrorType.Timeout,
        V5.ErrorType.UnknownError => AtolErrorType.UnknownError,
        _ => AtolErrorType.Unknown,
    };

    /// <summary>A v4 <c>error.type</c> as the version-neutral type (<see cref="AtolErrorType.Unknown"/> for null or a value added later).</summary>
    /// <param name="type">The v4 error type.</param>
    /// <returns>The version-neutral type.</returns>
    public static AtolErrorType ToErrorType(V4.ErrorType? type) => type switch
    {
        V4.ErrorType.System => AtolErrorType.System,
        V4.ErrorType.Driver => AtolErrorType.Driver,
        V4.ErrorType.Agent => AtolErrorType.Agent,
        V4.ErrorType.Timeout => AtolErrorType.Timeout,
        V4.ErrorType.UnknownError => AtolErrorType.UnknownError,
        V4.ErrorType.None => AtolErrorType.None,
        _ => AtolErrorType.Unknown,
    };

    /// <summary>
    /// ATOL's wire name of an error type (<c>system</c>, <c>driver</c>, <c>agent</c>, <c>timeout</c>, <c>unknown</c>,
    /// <c>none</c>), for logs and metric tags; <c>null</c> for <see cref="AtolErrorType.Unknown"/> (no type, or one this
    /// library does not know).
    /// </summary>
    /// <param name="type">The version-neutral type.</param>
    /// <returns>The wire name, or null.</returns>
    public static string? ToWireName(AtolErrorType type) => type switch
    {
        AtolErrorType.None => "none",
        AtolErrorType.UnknownError => "unknown",
        AtolErrorType.System => "system",
        AtolErrorType.Driver => "driver",
        AtolErrorType.Timeout => "timeout",
        AtolErrorType.Agent => "agent",
        _ => null,
    };
}
