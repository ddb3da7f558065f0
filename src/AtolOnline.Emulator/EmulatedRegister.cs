namespace AtolOnline.Emulator;

/// <summary>
/// One cash register of the emulator as it is now (<see cref="AtolEmulator.GetRegisters"/>): identity, whether it
/// takes documents, and the fiscal drive and OFD figures the monitoring API reports for it (faults included).
/// </summary>
public sealed class EmulatedRegister
{
    /// <summary>Factory serial number (<c>serialNumber</c> in monitoring; the key of the fault methods).</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The register's group.</summary>
    public required string GroupCode { get; init; }

    /// <summary>The code written in reports as <c>device_code</c> (<c>deviceNumber</c> in monitoring).</summary>
    public required string DeviceCode { get; init; }

    /// <summary>Whether the register is online: an offline register takes no documents from the queue.</summary>
    public required bool Online { get; init; }

    /// <summary>The uuid of the document on the register now, or null when it is idle.</summary>
    public string? CurrentDocumentUuid { get; init; }

    /// <summary>The fiscal drive's expiry (<c>fiscalStorageExpiration</c>).</summary>
    public required DateTimeOffset FiscalStorageExpiration { get; init; }

    /// <summary>How full the fiscal drive is, in percent (<c>fiscalStoragePercentageUse</c>).</summary>
    public required decimal FiscalStoragePercentageUse { get; init; }

    /// <summary>Documents not yet sent to the OFD (<c>unsentDocs</c>).</summary>
    public required long UnsentDocuments { get; init; }

    /// <summary>When the oldest document not yet sent to the OFD was made, or null when none is pending.</summary>
    public DateTimeOffset? OldestUnsentDocumentAt { get; init; }

    /// <summary>The KKT-to-OFD network error code the monitoring API reports (0 = none).</summary>
    public required int NetworkErrorCode { get; init; }
}
