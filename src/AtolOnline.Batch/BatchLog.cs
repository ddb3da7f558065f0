using Microsoft.Extensions.Logging;

namespace AtolOnline.Batch;

/// <summary>The batch's log messages (source-generated: no boxing, no reflection).</summary>
internal static partial class BatchLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Callback ignored, never applied: uuid {Uuid}, external_id {ExternalId}: {Reason}")]
    public static partial void CallbackRejected(ILogger logger, string uuid, string externalId, string reason);
}
