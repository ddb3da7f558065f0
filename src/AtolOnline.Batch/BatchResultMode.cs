namespace AtolOnline.Batch;

/// <summary>How results are collected.</summary>
public enum BatchResultMode
{
    /// <summary>Poll each document's report (honouring ATOL's limits) until it is final.</summary>
    Polling,

    /// <summary>
    /// Wait for callbacks. With <see cref="BatchOptions.CallbackBaseUrl"/> each document carries its own callback URL
    /// with a proof, and a callback passed to <see cref="BatchProcessor.OnCallback(ReadOnlySpan{char}, ReadOnlySpan{byte})"/>
    /// whose proof verifies completes its document without a report request. Without it, a callback passed to
    /// <see cref="BatchProcessor.OnCallback(ReadOnlySpan{byte})"/> is confirmed by a report request. Documents without
    /// a callback are polled after <see cref="BatchOptions.CallbackGrace"/>, within the report limit.
    /// </summary>
    Callback,
}
