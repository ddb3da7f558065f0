namespace AtolOnline;

/// <summary>The processing state of a document (<c>status</c>).</summary>
public enum AtolDocumentStatus
{
    /// <summary>A value this library does not know, or no status in the body.</summary>
    Unknown = 0,

    /// <summary>Accepted, being processed.</summary>
    Wait,

    /// <summary>Registered by a cash register: the report carries the fiscal data.</summary>
    Done,

    /// <summary>Failed: the report carries the error.</summary>
    Fail,
}

/// <summary>The answer to a registration: ATOL accepted the document (or already had it).</summary>
/// <param name="Uuid">The uuid ATOL assigned; use it to fetch the report.</param>
/// <param name="Status">The status ATOL answered (normally <see cref="AtolDocumentStatus.Wait"/>).</param>
/// <param name="Timestamp">ATOL's <c>timestamp</c> as sent (<c>dd.MM.yyyy HH:mm:ss</c>, zone unstated: decision 1).</param>
/// <param name="ExternalId">The external_id that was sent.</param>
/// <param name="Operation">The operation (<c>sell</c>, <c>buy_refund_correction</c>, ...).</param>
/// <param name="IsDuplicate">
/// True when ATOL answered error 33 (the external_id was already registered, possibly by an earlier attempt whose answer was
/// lost): <see cref="Uuid"/> is then the uuid of the document registered first.
/// </param>
/// <param name="Attempts">HTTP attempts made for the registration (1 when nothing had to be repeated).</param>
public sealed record AtolRegistration(
    string Uuid, AtolDocumentStatus Status, string Timestamp, string ExternalId, string Operation, bool IsDuplicate, int Attempts);

/// <summary>An error object from an ATOL answer.</summary>
/// <param name="Type">The error source.</param>
/// <param name="Code">The code (meaningful only together with <paramref name="Type"/>).</param>
/// <param name="Text">ATOL's text (Russian); do not branch on it.</param>
/// <param name="ErrorId">ATOL's id of this error instance, for support; absent in some errors.</param>
public sealed record AtolError(AtolErrorType Type, int Code, string? Text, string? ErrorId)
{
    /// <summary>The row of ATOL's tables for (type, code), or null.</summary>
    public AtolErrorInfo? Info => AtolErrors.Find(Type, Code);

    /// <summary>What to do about it.</summary>
    public AtolErrorAction Action => AtolErrors.ActionFor(Type, Code);
}

/// <summary>
/// A report (the answer of <c>GET report/{uuid}</c>, or a callback body) in a version-neutral shape, with the full typed body
/// of its protocol in <see cref="V4"/> or <see cref="V5"/>.
/// </summary>
public sealed class AtolReport
{
    internal AtolReport(AtolProtocolVersion version, V4.ReportResponse? v4, V5.ReportResponse? v5)
    {
        ProtocolVersion = version;
        V4 = v4;
        V5 = v5;
        if (v5 is not null)
        {
            Uuid = v5.Uuid;
            ExternalId = v5.ExternalId;
            Timestamp = v5.Timestamp;
            Status = Map(v5.Status);
            Error = v5.Error is { } e ? new AtolError(AtolClient.Map(e.Type), e.Code, e.Text, e.ErrorId) : null;
            CallbackUrl = v5.CallbackUrl;
        }
        else if (v4 is not null)
        {
            Uuid = v4.Uuid;
            ExternalId = v4.ExternalId;
            Timestamp = v4.Timestamp;
            Status = Map(v4.Status);
            Error = v4.Error is { } e ? new AtolError(AtolClient.Map(e.Type), e.Code, e.Text, e.ErrorId) : null;
            CallbackUrl = v4.CallbackUrl;
        }
        else
        {
            Timestamp = "";
        }
    }

    /// <summary>The protocol of the body.</summary>
    public AtolProtocolVersion ProtocolVersion { get; }

    /// <summary>The document's uuid (absent in the minimal not-ready body).</summary>
    public string? Uuid { get; }

    /// <summary>The document's external_id, when present.</summary>
    public string? ExternalId { get; }

    /// <summary>ATOL's <c>timestamp</c> as sent.</summary>
    public string Timestamp { get; }

    /// <summary><see cref="AtolDocumentStatus.Wait"/> (also for code 34, not ready), <see cref="AtolDocumentStatus.Done"/> or <see cref="AtolDocumentStatus.Fail"/>.</summary>
    public AtolDocumentStatus Status { get; }

    /// <summary>True for <see cref="AtolDocumentStatus.Done"/> and <see cref="AtolDocumentStatus.Fail"/>.</summary>
    public bool IsFinal => Status is AtolDocumentStatus.Done or AtolDocumentStatus.Fail;

    /// <summary>The error (the processing failure when <see cref="Status"/> is Fail; code 34 while not ready).</summary>
    public AtolError? Error { get; }

    /// <summary>The callback URL echoed by ATOL ("" when none).</summary>
    public string? CallbackUrl { get; }

    /// <summary>The full v4 body (fiscal data in <c>Payload</c>), when <see cref="ProtocolVersion"/> is V4.</summary>
    public V4.ReportResponse? V4 { get; }

    /// <summary>The full v5 body (fiscal data and marking results in <c>Payload</c>), when <see cref="ProtocolVersion"/> is V5.</summary>
    public V5.ReportResponse? V5 { get; }

    /// <summary>Fiscal document number (tag 1040) when done.</summary>
    public long? FiscalDocumentNumber => V5?.Payload?.FiscalDocumentNumber ?? V4?.Payload?.FiscalDocumentNumber;

    /// <summary>Fiscal sign (tag 1077) when done; exceeds Int32.</summary>
    public long? FiscalDocumentAttribute => V5?.Payload?.FiscalDocumentAttribute ?? V4?.Payload?.FiscalDocumentAttribute;

    /// <summary>Fiscal storage number (tag 1041) when done.</summary>
    public string? FnNumber => V5?.Payload?.FnNumber ?? V4?.Payload?.FnNumber;

    /// <summary>Total registered by the register (tag 1020) when done.</summary>
    public decimal? Total => V5?.Payload?.Total ?? V4?.Payload?.Total;

    /// <inheritdoc/>
    public override string ToString() =>
        $"AtolReport {{ Uuid = {Uuid}, ExternalId = {ExternalId}, Status = {Status}, Error = {Error?.Type}/{Error?.Code} }}";

    private static AtolDocumentStatus Map(V5.DocumentStatus? status) => status switch
    {
        AtolOnline.V5.DocumentStatus.Wait => AtolDocumentStatus.Wait,
        AtolOnline.V5.DocumentStatus.Done => AtolDocumentStatus.Done,
        AtolOnline.V5.DocumentStatus.Fail => AtolDocumentStatus.Fail,
        _ => AtolDocumentStatus.Unknown,
    };

    private static AtolDocumentStatus Map(V4.DocumentStatus? status) => status switch
    {
        AtolOnline.V4.DocumentStatus.Wait => AtolDocumentStatus.Wait,
        AtolOnline.V4.DocumentStatus.Done => AtolDocumentStatus.Done,
        AtolOnline.V4.DocumentStatus.Fail => AtolDocumentStatus.Fail,
        _ => AtolDocumentStatus.Unknown,
    };
}

/// <summary>A callback checked against the report fetched by its uuid with the client's own token (callbacks carry no signature).</summary>
/// <param name="Claimed">What the callback body said (untrusted).</param>
/// <param name="Confirmed">What ATOL answers for the same uuid: act on this one.</param>
/// <param name="IsConsistent">
/// True when the confirmed report agrees with the claim in every member that describes the document: uuid, external_id,
/// status, callback_url, group_code, daemon_code, device_code, warnings, the error (type, code, text) and every fiscal
/// field of the payload (fiscal_receipt_number, shift_number, receipt_datetime, total, fn_number, ecr_registration_number,
/// fiscal_document_number, fiscal_document_attribute, fns_site, ofd_inn, ofd_receipt_url, and in v5 marks_result). A
/// member present on one side only is a difference. Not compared: timestamp and error_id (not fiscal data; ATOL does not
/// document that a repeated report request answers the same values).
/// </param>
public sealed record AtolCallbackVerification(AtolReport Claimed, AtolReport Confirmed, bool IsConsistent)
{
    /// <summary>The JSON paths of the members that differ (e.g. <c>payload.fn_number</c>); empty when consistent.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];
}
