namespace AtolOnline.Batch;

/// <summary>What the batch did with a callback passed to <see cref="BatchProcessor.OnCallback(ReadOnlySpan{char}, ReadOnlySpan{byte})"/>.</summary>
public enum BatchCallbackResult
{
    /// <summary>The proof verified and a waiting document took the callback's final report.</summary>
    Applied,

    /// <summary>The proof verified and no document waits for it yet (the registration answer is still on its way): kept for it.</summary>
    Kept,

    /// <summary>The proof verified but nothing needed it (the document is final already, or the report is not final).</summary>
    Ignored,

    /// <summary>No valid proof (or no report): ignored and logged, never applied.</summary>
    Rejected,
}
