namespace AtolOnline.Emulator;

/// <summary>When a fault on <see cref="FaultEndpoint.Register"/> strikes relative to storing the document.</summary>
public enum FaultTiming
{
    /// <summary>Before: the document is not stored (a retry registers it for the first time).</summary>
    BeforeStore,

    /// <summary>After: the document is stored and queued, only the answer is lost (a retry gets error 33 with its uuid).</summary>
    AfterStore,
}
