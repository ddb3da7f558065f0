using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

internal sealed class StoredDocument
{
    public required string Uuid { get; init; }

    public required EmulatorAccount Account { get; init; }

    public required string Operation { get; init; }

    public required byte[] Body { get; init; }

    public required DocumentFacts Facts { get; init; }

    public required bool CallbackUrlValid { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When the register that took the document finishes it; null while it waits in the group's queue.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When a register took the document from the queue; null while it waits.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public required long Sequence { get; init; }

    public DocumentState State { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public byte[]? FinalReport { get; set; }

    public int? ErrorCode { get; set; }

    public string? ErrorType { get; set; }

    public string? DeviceCode { get; set; }

    public long? FiscalDocumentNumber { get; set; }

    public List<CallbackAttempt> Callbacks { get; } = [];
}
