namespace AtolOnline.Emulator.Internal;

/// <summary>What the register-side checks and the payload need from a document, whatever its version and kind.</summary>
internal sealed record DocumentFacts
{
    public required string ExternalId { get; init; }

    public required string Inn { get; init; }

    public string? CallbackUrl { get; init; }

    /// <summary>The receipt total; null for v4 corrections, which have none.</summary>
    public decimal? Total { get; init; }

    public IReadOnlyList<(int Type, decimal Sum)> Payments { get; init; } = [];

    public IReadOnlyList<(decimal Price, decimal Quantity, decimal Sum)> Items { get; init; } = [];

    public int MarkCodes { get; init; }

    public static DocumentFacts From(V4.ReceiptRequest r) => new()
    {
        ExternalId = r.ExternalId,
        Inn = r.Receipt.Company.Inn,
        CallbackUrl = r.Service?.CallbackUrl,
        Total = r.Receipt.Total,
        Payments = r.Receipt.Payments.Select(p => ((int)p.Type, p.Sum)).ToArray(),
        Items = r.Receipt.Items.Select(i => (i.Price, i.Quantity, i.Sum)).ToArray(),
    };

    public static DocumentFacts From(V4.CorrectionRequest r) => new()
    {
        ExternalId = r.ExternalId,
        Inn = r.Correction.Company.Inn,
        CallbackUrl = r.Service?.CallbackUrl,
        Payments = r.Correction.Payments.Select(p => ((int)p.Type, p.Sum)).ToArray(),
    };

    public static DocumentFacts From(V5.ReceiptRequest r) => new()
    {
        ExternalId = r.ExternalId,
        Inn = r.Receipt.Company.Inn,
        CallbackUrl = r.Service?.CallbackUrl,
        Total = r.Receipt.Total,
        Payments = r.Receipt.Payments.Select(p => ((int)p.Type, p.Sum)).ToArray(),
        Items = r.Receipt.Items.Select(i => (i.Price, i.Quantity, i.Sum)).ToArray(),
        MarkCodes = r.Receipt.Items.Count(i => i.MarkCode is not null),
    };

    public static DocumentFacts From(V5.CorrectionRequest r) => new()
    {
        ExternalId = r.ExternalId,
        Inn = r.Correction.Company.Inn,
        CallbackUrl = r.Service?.CallbackUrl,
        Total = r.Correction.Total,
        Payments = r.Correction.Payments.Select(p => ((int)p.Type, p.Sum)).ToArray(),
        Items = r.Correction.Items.Select(i => (i.Price, i.Quantity, i.Sum)).ToArray(),
        MarkCodes = r.Correction.Items.Count(i => i.MarkCode is not null),
    };
}
