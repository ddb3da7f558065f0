using AtolOnline.Monitoring;

namespace AtolOnline;

/// <summary>
/// An ATOL Online client: registration of documents, reports, callbacks and the monitoring API. Thread-safe; mock this
/// interface in your tests (the typed operations in <see cref="AtolClientOperations"/> all go through
/// <see cref="RegisterAsync{TDocument}"/>).
/// </summary>
public interface IAtolClient
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
        where TDocument : class, IAtolJsonModel<TDocument>;

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

    /// <summary>Reads a callback body (the report packet ATOL POSTs to callback_url). Not trusted: see <see cref="VerifyCallbackAsync"/>.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON, whatever the Content-Type).</param>
    /// <exception cref="AtolJsonException">The body is not a report.</exception>
    AtolReport ParseCallback(ReadOnlySpan<byte> body);

    /// <summary>
    /// Reads a callback body and confirms it by fetching the report of its uuid with the client's own token (callbacks
    /// carry no signature: decision 3). Act on <see cref="AtolCallbackVerification.Confirmed"/>.
    /// </summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolJsonException">The body is not a report or has no uuid.</exception>
    /// <exception cref="AtolApiException">ATOL does not know the uuid (30) or the call failed.</exception>
    Task<AtolCallbackVerification> VerifyCallbackAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of the cash registers of the account (monitoring API, <c>GET api/kkt/v1/cash-registers</c>).</summary>
    /// <param name="limit">Page size (null: the service default).</param>
    /// <param name="offset">Records to skip (null: 0).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<CashRegister>> ListCashRegistersAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every cash register of the account, page by page.</summary>
    /// <param name="pageSize">Records per request.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<CashRegister> EnumerateCashRegistersAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Gets one cash register by its factory serial number; null when the service does not know it (HTTP 404).</summary>
    /// <param name="serialNumber">The serial number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<CashRegister?> GetCashRegisterAsync(string serialNumber, CancellationToken cancellationToken = default);
}
