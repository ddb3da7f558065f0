using Microsoft.Extensions.Logging;

namespace AtolOnline.Internal;

/// <summary>Source-generated log messages of the callback endpoint. The proof token is never an argument.</summary>
internal static partial class CallbackLog
{
    [LoggerMessage(101, LogLevel.Warning, "ATOL callback refused ({Reason}): uuid {Uuid}, external_id {ExternalId}; nothing applied")]
    public static partial void Refused(ILogger logger, string reason, string? uuid, string? externalId);

    [LoggerMessage(102, LogLevel.Warning, "ATOL callback for uuid {Uuid} differs from ATOL's report in {Differences}; forged or stale, nothing applied")]
    public static partial void Inconsistent(ILogger logger, string uuid, string differences);

    [LoggerMessage(103, LogLevel.Warning, "ATOL callback for uuid {Uuid} could not be confirmed ({Reason}); nothing applied, the document is left to polling")]
    public static partial void Unverifiable(ILogger logger, string uuid, string reason);

    [LoggerMessage(104, LogLevel.Error, "ATOL callback handler failed for uuid {Uuid}; a repeated callback (or polling) can deliver it again")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string uuid);

    [LoggerMessage(105, LogLevel.Information, "ATOL callback for uuid {Uuid} kept until the application knows the document")]
    public static partial void Parked(ILogger logger, string uuid);

    [LoggerMessage(106, LogLevel.Warning, "ATOL callback for uuid {Uuid} dropped from the kept callbacks (limit reached); the document is left to polling")]
    public static partial void ParkedDropped(ILogger logger, string uuid);

    [LoggerMessage(107, LogLevel.Warning, "ATOL callback for uuid {Uuid} not accepted: the queue is full; the document is left to polling")]
    public static partial void Overloaded(ILogger logger, string uuid);

    [LoggerMessage(108, LogLevel.Debug, "ATOL callback for uuid {Uuid} repeated; already delivered")]
    public static partial void Duplicate(ILogger logger, string uuid);
}
