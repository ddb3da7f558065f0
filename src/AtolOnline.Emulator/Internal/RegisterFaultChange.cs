using System.Globalization;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

/// <summary>
/// A change of one register's monitoring faults (null = leave as is), checked whole before any of it applies, so a
/// bad request changes nothing. Shared by the control API and <see cref="AtolEmulator"/>.
/// </summary>
internal sealed record RegisterFaultChange
{
    /// <summary>KKT-to-OFD network error code the monitoring API shows for an offline register (1: no communication channel).</summary>
    public const int OfflineNetworkErrorCode = 1;

    public bool? Online { get; init; }

    public double? FiscalStorageDaysLeft { get; init; }

    public decimal? FiscalStoragePercentageUse { get; init; }

    public long? UnsentDocuments { get; init; }

    public DateTimeOffset? OldestUnsentDocumentAt { get; init; }

    /// <summary>The first problem, or null when the change is valid.</summary>
    public string? Problem()
    {
        if (FiscalStorageDaysLeft is { } days && (!double.IsFinite(days) || Math.Abs(days) > 36_500))
        {
            return "fiscal_storage_days_left: a number of days, -36500 to 36500";
        }

        if (FiscalStoragePercentageUse is < 0 or > 100)
        {
            return "fiscal_storage_percentage_use: 0 to 100";
        }

        if (UnsentDocuments is < 0)
        {
            return "unsent_docs: 0 or more";
        }

        if (OldestUnsentDocumentAt is not null && UnsentDocuments is null)
        {
            return "first_unsent_doc_at needs unsent_docs";
        }

        return null;
    }

    public void Apply(Register register, DateTimeOffset now)
    {
        if (Online is { } online && online != register.Online)
        {
            register.Online = online;
            register.OfflineSince = online ? null : now;
            register.OfflineNetworkErrorCode = online ? 0 : OfflineNetworkErrorCode;
            if (online && register.FreeAt < now)
            {
                register.FreeAt = now; // back online now: it cannot have taken a document while it was away
            }
        }

        if (FiscalStorageDaysLeft is { } days)
        {
            register.FiscalStorageExpirationOverride = now + TimeSpan.FromDays(days);
        }

        if (FiscalStoragePercentageUse is { } share)
        {
            register.FiscalStoragePercentageUseOverride = share;
        }

        if (UnsentDocuments is { } count)
        {
            register.UnsentDocuments = count;
            register.OldestUnsentDocumentAt = count == 0 ? null : OldestUnsentDocumentAt ?? register.OldestUnsentDocumentAt ?? now;
        }
    }

    /// <summary>
    /// Reads <c>{"online":false,"fiscal_storage_days_left":5,"fiscal_storage_percentage_use":97.5,"unsent_docs":40,
    /// "first_unsent_doc_at":"2025-03-01T09:00:00Z"}</c> (any of them); unknown members are refused.
    /// </summary>
    /// <exception cref="FormatException">The body does not have that shape.</exception>
    public static RegisterFaultChange Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected an object with online, fiscal_storage_days_left, fiscal_storage_percentage_use, unsent_docs, first_unsent_doc_at");
        }

        var change = new RegisterFaultChange();
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            change = p.Name switch
            {
                "online" when v.ValueKind is JsonValueKind.True or JsonValueKind.False => change with { Online = v.GetBoolean() },
                "fiscal_storage_days_left" when v.ValueKind == JsonValueKind.Number => change with { FiscalStorageDaysLeft = v.GetDouble() },
                "fiscal_storage_percentage_use" when v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var share) => change with { FiscalStoragePercentageUse = share },
                "unsent_docs" when v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var count) => change with { UnsentDocuments = count },
                "first_unsent_doc_at" when v.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => change with { OldestUnsentDocumentAt = at },
                "online" or "fiscal_storage_days_left" or "fiscal_storage_percentage_use" or "unsent_docs" or "first_unsent_doc_at" =>
                    throw new FormatException($"{p.Name}: wrong type or value"),
                _ => throw new FormatException($"unknown member \"{p.Name}\""),
            };
        }

        return change;
    }
}
