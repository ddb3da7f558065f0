namespace AtolOnline;

/// <summary>Options of the callback endpoint (<see cref="AtolCallbackServiceCollectionExtensions.AddAtolCallbacks"/>).</summary>
public sealed class AtolCallbackOptions
{
    /// <summary>
    /// The per-document proof the callback URLs were made with (<see cref="AtolCallbackProof.CreateCallbackUrl"/>): the last
    /// path segment of the request must be the token of the body's external_id, or the callback is refused (403) and logged.
    /// A callback with a valid proof is trusted without a report request. Null: every callback is confirmed by fetching its
    /// report. Keep the key for as long as callbacks of the documents sent with it can arrive (a new key refuses them).
    /// </summary>
    public AtolCallbackProof? Proof { get; set; }

    /// <summary>The largest body accepted, in bytes (a report is a few kilobytes); a larger one is answered 413. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Callbacks accepted and waiting for the application (or, without a proof, for their report check); when full, a
    /// callback is answered 503 and its document is left to polling. Default 1024.
    /// </summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Callbacks kept for documents the application does not know yet; when full, the oldest is dropped (logged) and its
    /// document is left to polling. Default 1000.
    /// </summary>
    public int MaxParkedCallbacks { get; set; } = 1000;

    /// <summary>
    /// Uuids remembered as delivered (a repeated callback is answered and not delivered again) and registrations remembered
    /// for <see cref="AtolCallbackInbox.DocumentRegistered"/>: the oldest are forgotten beyond this count. Default 100,000.
    /// </summary>
    public int MaxRememberedDocuments { get; set; } = 100_000;

    /// <summary>How long the report request that confirms a callback may take (when no proof is configured). Default 30 s.</summary>
    public TimeSpan VerificationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every value; called when the endpoint is created.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1024, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParkedCallbacks, 1, nameof(MaxParkedCallbacks));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRememberedDocuments, 1, nameof(MaxRememberedDocuments));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(VerificationTimeout, TimeSpan.Zero, nameof(VerificationTimeout));
    }
}
