namespace AtolOnline.Batch;

/// <summary>How results are collected.</summary>
public enum BatchResultMode
{
    /// <summary>Poll each document's report (honouring ATOL's limits) until it is final.</summary>
    Polling,

    /// <summary>
    /// Wait for callbacks passed to <see cref="BatchProcessor.OnCallbackAsync"/>; each is confirmed by fetching the
    /// report by its uuid. Documents without a callback are polled after <see cref="BatchOptions.CallbackGrace"/>.
    /// </summary>
    Callback,
}
