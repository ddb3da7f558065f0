using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

internal sealed class Register
{
    public required string GroupCode { get; init; }

    public required string SerialNumber { get; init; }

    public required string RegistrationNumber { get; init; }

    public required string DeviceCode { get; init; }

    public required string FnNumber { get; init; }

    public required DateTimeOffset FiscalizedAt { get; init; }

    public long FiscalDocumentNumber { get; set; }

    public long ShiftNumber { get; set; }

    public bool ShiftOpen { get; set; }

    public DateTimeOffset ShiftOpenedAt { get; set; }

    public long ShiftReceipts { get; set; }

    // ---- the register as a worker: one document at a time (Store.ProcessDue simulates it on the emulator clock)

    /// <summary>The document on the register now (taken from the group's queue, not finished yet), or null.</summary>
    public StoredDocument? Current { get; set; }

    /// <summary>When the register finished its last document (or came back online): it cannot start one earlier.</summary>
    public DateTimeOffset FreeAt { get; set; }

    /// <summary>Order of the register's last start; among idle registers the one that started longest ago goes first.</summary>
    public long LastStart { get; set; }

    // ---- monitoring faults (set through the control API or AtolEmulator; null = the register's own value)

    /// <summary>Whether the register takes documents and refreshes its monitoring data.</summary>
    public bool Online { get; set; } = true;

    /// <summary>When the register went offline: its monitoring record keeps this timestamp.</summary>
    public DateTimeOffset? OfflineSince { get; set; }

    public int OfflineNetworkErrorCode { get; set; }

    public DateTimeOffset? FiscalStorageExpirationOverride { get; set; }

    public decimal? FiscalStoragePercentageUseOverride { get; set; }

    public long UnsentDocuments { get; set; }

    public DateTimeOffset? OldestUnsentDocumentAt { get; set; }

    public void ClearFaults(DateTimeOffset now)
    {
        if (!Online)
        {
            Online = true;
            FreeAt = FreeAt > now ? FreeAt : now;
        }

        OfflineSince = null;
        OfflineNetworkErrorCode = 0;
        FiscalStorageExpirationOverride = null;
        FiscalStoragePercentageUseOverride = null;
        UnsentDocuments = 0;
        OldestUnsentDocumentAt = null;
    }
}
