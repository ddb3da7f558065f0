namespace AtolOnline.Emulator;

/// <summary>One POST of a report body to a document's <c>callback_url</c>.</summary>
/// <param name="At">Emulator-clock time of the attempt.</param>
/// <param name="StatusCode">The HTTP status the receiver answered, or null when there was no answer.</param>
/// <param name="Error">Why nothing was delivered (connection error, timeout, not a loopback host), or null.</param>
public sealed record CallbackAttempt(DateTimeOffset At, int? StatusCode, string? Error);
