namespace AtolOnline.Internal;

/// <summary>One accepted callback on its way to the application.</summary>
/// <param name="Uuid">The uuid the body names.</param>
/// <param name="Body">The raw body, kept while it still has to be confirmed by a report request; null once trusted.</param>
/// <param name="Trusted">The report to deliver, once trusted (proof checked or confirmed by ATOL).</param>
/// <param name="ReceivedAt">When the callback arrived (the end of the registration-to-final latency).</param>
/// <param name="RedeliveredAfterRegistration">True once handed over again because the application named the uuid.</param>
internal sealed record CallbackWork(string Uuid, byte[]? Body, AtolReport? Trusted, DateTimeOffset ReceivedAt, bool RedeliveredAfterRegistration = false);
