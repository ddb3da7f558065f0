using AtolOnline.Json;
using AtolOnline.Protocol;
using AtolOnline.Validation;

namespace AtolOnline;

/// <summary>
/// Registration of documents and their reports: what a sender, and the batch pipeline, need of a client. Thread-safe.
/// Implement this interface alone for a fake in your tests (the typed operations in <see cref="AtolClientOperations"/>
/// all go through <see cref="RegisterAsync{TDocument}"/>; build results with <see cref="AtolModelFactory"/>).
/// </summary>
public interface IAtolRegistrationClient
{
    /// <summary>The protocol version of the configured group.</summary>
    AtolProtocolVersion ProtocolVersion { get; }

    /// <summary>
    /// Validates <paramref name="document"/> and registers it. Transient failures are retried with the same body (the same
    /// external_id); ATOL's duplicate answer (33) is a success carrying the uuid of the document registered first.
    /// </summary>
    /// <typeparam name="TDocument">The document type of <paramref name="operation"/>.</typeparam>
    /// <param name="operation">The operation, e.g. <see cref="AtolV5Operations.Sell"/>; its protocol must be the configured one.</param>
    /// <param name="document">The document; external_id and callback_url are taken from it.</param>
    /// <param name="cancellationToken">Cancels the call (waits included).</param>
    /// <returns>The uuid and status ATOL answered.</returns>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused the document, or the call failed after every retry.</exception>
    /// <exception cref="InvalidOperationException">The operation's protocol is not the configured one; nothing was sent.</exception>
    Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument;

    /// <summary>Fetches the report of a document once. A document still processing gives status wait (ATOL's code 34).</summary>
    /// <param name="uuid">The uuid from the registration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolApiException">ATOL answered an error (e.g. 30: unknown uuid) or the call failed after every retry.</exception>
    Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls the report until it is <c>done</c> or <c>fail</c>, following <see cref="AtolClientOptions.Polling"/> (first
    /// delay, doubling delays up to 60 s, a total deadline).
    /// </summary>
    /// <param name="uuid">The uuid from the registration.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The deadline passed while the document was still processing (it stays registered).</exception>
    /// <exception cref="AtolApiException">ATOL answered an error or a call failed after every retry.</exception>
    Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default);
}
