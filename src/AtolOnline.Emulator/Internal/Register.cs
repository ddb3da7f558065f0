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
}
