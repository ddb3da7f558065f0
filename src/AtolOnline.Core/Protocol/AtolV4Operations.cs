namespace AtolOnline.Protocol;

/// <summary>The operations of protocol v4 (FFD 1.05).</summary>
public static class AtolV4Operations
{
    /// <summary>Sale (приход).</summary>
    public static AtolOperation<V4.ReceiptRequest> Sell { get; } = new("sell", AtolProtocolVersion.V4, AtolDocumentKind.Receipt, AtolSettlementSign.Income);

    /// <summary>Sale refund (возврат прихода).</summary>
    public static AtolOperation<V4.ReceiptRequest> SellRefund { get; } = new("sell_refund", AtolProtocolVersion.V4, AtolDocumentKind.Receipt, AtolSettlementSign.IncomeReturn);

    /// <summary>Purchase (расход).</summary>
    public static AtolOperation<V4.ReceiptRequest> Buy { get; } = new("buy", AtolProtocolVersion.V4, AtolDocumentKind.Receipt, AtolSettlementSign.Expense);

    /// <summary>Purchase refund (возврат расхода).</summary>
    public static AtolOperation<V4.ReceiptRequest> BuyRefund { get; } = new("buy_refund", AtolProtocolVersion.V4, AtolDocumentKind.Receipt, AtolSettlementSign.ExpenseReturn);

    /// <summary>Sale correction (коррекция прихода).</summary>
    public static AtolOperation<V4.CorrectionRequest> SellCorrection { get; } = new("sell_correction", AtolProtocolVersion.V4, AtolDocumentKind.Correction, AtolSettlementSign.Income);

    /// <summary>Purchase correction (коррекция расхода).</summary>
    public static AtolOperation<V4.CorrectionRequest> BuyCorrection { get; } = new("buy_correction", AtolProtocolVersion.V4, AtolDocumentKind.Correction, AtolSettlementSign.Expense);

    /// <summary>Every operation of protocol v4, in this order (what the emulator serves and the CLI offers).</summary>
    /// <remarks>Adding an operation to the protocol means adding its property above and listing it here.</remarks>
    public static IReadOnlyList<AtolOperation> All { get; } = [Sell, SellRefund, Buy, BuyRefund, SellCorrection, BuyCorrection];
}
