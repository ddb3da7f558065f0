using AtolOnline.Protocol;

namespace AtolOnline.Emulator;

/// <summary>A snapshot of one document the emulator accepted.</summary>
public sealed record EmulatedDocument
{
    /// <summary>The uuid the service assigned.</summary>
    public required string Uuid { get; init; }

    /// <summary>The client's <c>external_id</c>.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The group code from the URL.</summary>
    public required string GroupCode { get; init; }

    /// <summary>The protocol it was sent on.</summary>
    public required AtolProtocolVersion Protocol { get; init; }

    /// <summary>The operation from the URL (<c>sell</c>, <c>buy_correction</c>, ...).</summary>
    public required string Operation { get; init; }

    /// <summary>The processing state.</summary>
    public required DocumentState Status { get; init; }

    /// <summary>The request body exactly as received.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The <c>service.callback_url</c> of the request, if any.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>Emulator-clock time of registration.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Emulator-clock time processing ended (null while waiting).</summary>
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>The error code of a failed document (register, agent or timeout error).</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The error type of a failed document (<c>driver</c>, <c>agent</c>, ...).</summary>
    public string? ErrorType { get; init; }

    /// <summary>The register (device code) that processed it.</summary>
    public string? DeviceCode { get; init; }

    /// <summary>The fiscal document number of a done document.</summary>
    public long? FiscalDocumentNumber { get; init; }

    /// <summary>The callback POSTs made so far.</summary>
    public IReadOnlyList<CallbackAttempt> Callbacks { get; init; } = [];

    /// <summary>The report body the service answers now (code 34 shape while waiting).</summary>
    public required ReadOnlyMemory<byte> Report { get; init; }
}
