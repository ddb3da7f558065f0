using Microsoft.Extensions.Logging;
using AtolOnline.Protocol;

namespace AtolOnline.Internal;

/// <summary>Source-generated log messages. Tokens and passwords are never arguments.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "ATOL {Operation}: document {ExternalId} accepted as {Uuid} after {Attempts} attempt(s)")]
    public static partial void Registered(ILogger logger, string operation, string externalId, string uuid, int attempts);

    [LoggerMessage(2, LogLevel.Information, "ATOL {Operation}: external_id {ExternalId} already registered (33), uuid {Uuid}")]
    public static partial void Duplicate(ILogger logger, string operation, string externalId, string uuid);

    [LoggerMessage(3, LogLevel.Warning, "ATOL {Operation}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string reason, long delayMs);

    [LoggerMessage(4, LogLevel.Information, "ATOL token obtained for {Login} at {Host} ({Kind})")]
    public static partial void TokenFetched(ILogger logger, string login, string host, string kind);

    [LoggerMessage(5, LogLevel.Information, "ATOL {Operation}: token rejected ({Type}/{Code}); fetching a new one and repeating once")]
    public static partial void TokenRejected(ILogger logger, string operation, AtolErrorType type, int code);

    [LoggerMessage(6, LogLevel.Warning, "ATOL {Operation} failed: HTTP {HttpStatus}, {Type}/{Code}, action {Action}")]
    public static partial void Failed(ILogger logger, string operation, int? httpStatus, AtolErrorType? type, int? code, AtolErrorAction action);
}
