namespace AtolOnline.SampleService;

/// <summary>Source-generated log messages of the sample.</summary>
internal static partial class SampleLog
{
    [LoggerMessage(1, LogLevel.Warning, "Order {Id}: ATOL answered {Code} ({Action}); trying again later")]
    public static partial void AtolRefused(ILogger logger, string id, int? code, AtolErrorAction action);

    [LoggerMessage(2, LogLevel.Warning, "Order {Id}: ATOL unreachable ({Message}); trying again later")]
    public static partial void AtolUnreachable(ILogger logger, string id, string message);

    [LoggerMessage(3, LogLevel.Warning, "Order {Id}: not registered yet ({Type}); it is sent again later")]
    public static partial void NotRegistered(ILogger logger, string id, string type);
}
