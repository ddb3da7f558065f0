using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>
/// A report (the answer of <c>GET report/{uuid}</c>, or a callback body) in a version-neutral shape, with the full typed body
/// of its protocol in <see cref="V4"/> or <see cref="V5"/>.
/// </summary>
public sealed class AtolReport
{
    /// <summary>A report of protocol v5 (a parsed report or callback body; in tests, one built by hand).</summary>
    /// <param name="report">The v5 body.</param>
    public AtolReport(V5.ReportResponse report)
        : this(AtolProtocolVersion.V5, null, report ?? throw new ArgumentNullException(nameof(report)))
    {
    }

    /// <summary>A report of protocol v4 (a parsed report or callback body; in tests, one built by hand).</summary>
    /// <param name="report">The v4 body.</param>
    public AtolReport(V4.ReportResponse report)
        : this(AtolProtocolVersion.V4, report ?? throw new ArgumentNullException(nameof(report)), null)
    {
    }

    private AtolReport(AtolProtocolVersion version, V4.ReportResponse? v4, V5.ReportResponse? v5)
    {
        ProtocolVersion = version;
        V4 = v4;
        V5 = v5;
        if (v5 is not null)
        {
            Uuid = v5.Uuid;
            ExternalId = v5.ExternalId;
            Timestamp = v5.Timestamp;
            Status = AtolProtocolMapping.ToDocumentStatus(v5.Status);
            Error = v5.Error is { } e ? new AtolError(AtolProtocolMapping.ToErrorType(e.Type), e.Code, e.Text, e.ErrorId) : null;
            CallbackUrl = v5.CallbackUrl;
        }
        else
        {
            // The public constructors give exactly one body.
            var body = v4!;
            Uuid = body.Uuid;
            ExternalId = body.ExternalId;
            Timestamp = body.Timestamp;
            Status = AtolProtocolMapping.ToDocumentStatus(body.Status);
            Error = body.Error is { } e ? new AtolError(AtolProtocolMapping.ToErrorType(e.Type), e.Code, e.Text, e.ErrorId) : null;
            CallbackUrl = body.CallbackUrl;
        }
    }

    /// <summary>Reads a report or callback body of protocol <paramref name="version"/>.</summary>
    /// <param name="version">The protocol of the body.</param>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <returns>The report.</returns>
    /// <exception cref="AtolJsonException">The body is not a report.</exception>
    public static AtolReport Parse(AtolProtocolVersion version, ReadOnlySpan<byte> body) => version switch
    {
        AtolProtocolVersion.V5 => new AtolReport(AtolJson.Parse<V5.ReportResponse>(body)),
        AtolProtocolVersion.V4 => new AtolReport(AtolJson.Parse<V4.ReportResponse>(body)),
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Not a protocol version this library speaks."),
    };

    /// <summary>The protocol of the body.</summary>
    public AtolProtocolVersion ProtocolVersion { get; }

    /// <summary>The document's uuid (absent in the minimal not-ready body).</summary>
    public string? Uuid { get; }

    /// <summary>The document's external_id, when present.</summary>
    public string? ExternalId { get; }

    /// <summary>
    /// ATOL's <c>timestamp</c> (<c>dd.MM.yyyy HH:mm:ss</c>, read in <see cref="AtolTime.Offset"/>, Moscow time by default);
    /// null when the body's value was not such a date (reading reports that only as a warning, so the report is never lost).
    /// </summary>
    public DateTimeOffset? Timestamp { get; }

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
}
