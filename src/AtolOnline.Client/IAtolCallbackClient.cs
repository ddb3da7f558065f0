using AtolOnline.Json;

namespace AtolOnline;

/// <summary>Reading and confirming the callbacks ATOL POSTs to a document's callback_url. Thread-safe.</summary>
public interface IAtolCallbackClient
{
    /// <summary>Reads a callback body (the report packet ATOL POSTs to callback_url). Not trusted: see <see cref="VerifyCallbackAsync"/>.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON, whatever the Content-Type).</param>
    /// <exception cref="AtolJsonException">The body is not a report.</exception>
    AtolReport ParseCallback(ReadOnlySpan<byte> body);

    /// <summary>
    /// Reads a callback body and confirms it by fetching the report of its uuid with the client's own token (callbacks
    /// carry no signature, so the body alone proves nothing). Act on <see cref="AtolCallbackVerification.Confirmed"/>.
    /// </summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolJsonException">The body is not a report or has no uuid.</exception>
    /// <exception cref="AtolApiException">ATOL does not know the uuid (30) or the call failed.</exception>
    Task<AtolCallbackVerification> VerifyCallbackAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default);
}
