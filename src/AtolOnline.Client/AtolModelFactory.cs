using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>
/// Builds the client's results as ATOL would have answered them, for fakes in your tests (see
/// <see cref="IAtolRegistrationClient"/>): registrations, reports, callback verifications and errors.
/// </summary>
public static class AtolModelFactory
{
    /// <summary>The reports' default timestamp: 01.01.2026 00:00:00 Moscow time.</summary>
    private static readonly DateTimeOffset DefaultTimestamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(3));

    /// <summary>A registration answer.</summary>
    /// <param name="uuid">The uuid ATOL assigned.</param>
    /// <param name="externalId">The document's external_id.</param>
    /// <param name="operation">The operation (<c>sell</c>, ...).</param>
    /// <param name="status">The status answered (normally <see cref="AtolDocumentStatus.Wait"/>).</param>
    /// <param name="timestamp">ATOL's timestamp (<c>dd.MM.yyyy HH:mm:ss</c>).</param>
    /// <param name="isDuplicate">True for ATOL's duplicate answer (error 33 with the first uuid).</param>
    /// <param name="attempts">HTTP attempts made.</param>
    /// <returns>The registration.</returns>
    public static AtolRegistration Registration(
        string uuid, string externalId, string operation, AtolDocumentStatus status = AtolDocumentStatus.Wait,
        string timestamp = "01.01.2026 00:00:00", bool isDuplicate = false, int attempts = 1) =>
        new(uuid, status, timestamp, externalId, operation, isDuplicate, attempts);

    /// <summary>A v5 report of a registered document (<c>done</c>) with its fiscal data.</summary>
    /// <param name="uuid">The document's uuid.</param>
    /// <param name="externalId">The document's external_id.</param>
    /// <param name="total">Total registered (tag 1020).</param>
    /// <param name="fiscalDocumentNumber">Fiscal document number (tag 1040).</param>
    /// <param name="fiscalDocumentAttribute">Fiscal sign (tag 1077).</param>
    /// <param name="fnNumber">Fiscal storage number (tag 1041).</param>
    /// <param name="timestamp">ATOL's timestamp (default 01.01.2026 00:00:00 Moscow time).</param>
    /// <returns>The report.</returns>
    public static AtolReport DoneReport(
        string uuid, string externalId, decimal total, long fiscalDocumentNumber = 1, long fiscalDocumentAttribute = 1,
        string fnNumber = "9999078900000001", DateTimeOffset? timestamp = null) =>
        new(new V5.ReportResponse
        {
            Uuid = uuid,
            ExternalId = externalId,
            Status = V5.DocumentStatus.Done,
            Timestamp = timestamp ?? DefaultTimestamp,
            Payload = new V5.ReportPayload
            {
                Total = total,
                FiscalDocumentNumber = fiscalDocumentNumber,
                FiscalDocumentAttribute = fiscalDocumentAttribute,
                FnNumber = fnNumber,
            },
        });

    /// <summary>A v5 report of a document that failed (<c>fail</c>) with its error.</summary>
    /// <param name="uuid">The document's uuid.</param>
    /// <param name="externalId">The document's external_id.</param>
    /// <param name="error">The error (see <see cref="Error"/>).</param>
    /// <param name="timestamp">ATOL's timestamp (default 01.01.2026 00:00:00 Moscow time).</param>
    /// <returns>The report.</returns>
    public static AtolReport FailedReport(string uuid, string externalId, AtolError error, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(new V5.ReportResponse
        {
            Uuid = uuid,
            ExternalId = externalId,
            Status = V5.DocumentStatus.Fail,
            Timestamp = timestamp ?? DefaultTimestamp,
            Error = new V5.ServiceError { Code = error.Code, Text = error.Text, Type = ToWire(error.Type), ErrorId = error.ErrorId },
        });
    }

    /// <summary>A v5 report of a document still processing (<c>wait</c>).</summary>
    /// <param name="uuid">The document's uuid.</param>
    /// <param name="externalId">The document's external_id.</param>
    /// <param name="timestamp">ATOL's timestamp (default 01.01.2026 00:00:00 Moscow time).</param>
    /// <returns>The report.</returns>
    public static AtolReport WaitingReport(string uuid, string externalId, DateTimeOffset? timestamp = null) =>
        new(new V5.ReportResponse { Uuid = uuid, ExternalId = externalId, Status = V5.DocumentStatus.Wait, Timestamp = timestamp ?? DefaultTimestamp });

    /// <summary>An error object as ATOL sends it.</summary>
    /// <param name="type">The error source.</param>
    /// <param name="code">The code.</param>
    /// <param name="text">ATOL's text.</param>
    /// <param name="errorId">ATOL's error_id.</param>
    /// <returns>The error.</returns>
    public static AtolError Error(AtolErrorType type, int code, string? text = null, string? errorId = null) => new(type, code, text, errorId);

    /// <summary>The exception the client throws when ATOL answers <paramref name="error"/> (action and message as the client sets them).</summary>
    /// <param name="error">The error ATOL answered.</param>
    /// <param name="httpStatus">The HTTP status of the answer.</param>
    /// <param name="operation">The operation that failed (<c>sell</c>, <c>report</c>, ...).</param>
    /// <returns>The exception (not thrown).</returns>
    public static AtolApiException ApiException(AtolError error, int httpStatus = 400, string operation = "sell")
    {
        ArgumentNullException.ThrowIfNull(error);
        return AtolApiException.FromError(operation, httpStatus, error);
    }

    /// <summary>The result of <see cref="IAtolCallbackClient.VerifyCallbackAsync"/>.</summary>
    /// <param name="claimed">What the callback said.</param>
    /// <param name="confirmed">What ATOL answered for the same uuid.</param>
    /// <param name="differences">The JSON paths that differ (empty: consistent).</param>
    /// <returns>The verification.</returns>
    public static AtolCallbackVerification CallbackVerification(AtolReport claimed, AtolReport confirmed, IReadOnlyList<string>? differences = null) =>
        new(claimed, confirmed, differences is null || differences.Count == 0) { Differences = differences ?? [] };

    private static V5.ErrorType ToWire(AtolErrorType type) => type switch
    {
        AtolErrorType.System => V5.ErrorType.System,
        AtolErrorType.Driver => V5.ErrorType.Driver,
        AtolErrorType.Agent => V5.ErrorType.Agent,
        AtolErrorType.Timeout => V5.ErrorType.Timeout,
        AtolErrorType.UnknownError => V5.ErrorType.UnknownError,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an error type of protocol v5."),
    };
}
