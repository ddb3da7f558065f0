namespace AtolOnline.Protocol;

/// <summary>The operations of protocol v5 (FFD 1.2).</summary>
public static class AtolV5Operations
{
    /// <summary>Sale (приход).</summary>
    public static AtolOperation<V5.ReceiptRequest> Sell { get; } = new("sell", AtolProtocolVersion.V5, AtolDocumentKind.Receipt, AtolSettlementSign.Income);

    /// <summary>Sale refund (возврат прихода).</summary>
    public static AtolOperation<V5.ReceiptRequest> SellRefund { get; } = new("sell_refund", AtolProtocolVersion.V5, AtolDocumentKind.Receipt, AtolSettlementSign.IncomeReturn);

    /// <summary>Purchase (расход).</summary>
    public static AtolOperation<V5.ReceiptRequest> Buy { get; } = new("buy", AtolProtocolVersion.V5, AtolDocumentKind.Receipt, AtolSettlementSign.Expense);

    /// <summary>Purchase refund (возврат расхода).</summary>
    public static AtolOperation<V5.ReceiptRequest> BuyRefund { get; } = new("buy_refund", AtolProtocolVersion.V5, AtolDocumentKind.Receipt, AtolSettlementSign.ExpenseReturn);

    /// <summary>Sale correction (коррекция прихода).</summary>
    public static AtolOperation<V5.CorrectionRequest> SellCorrection { get; } = new("sell_correction", AtolProtocolVersion.V5, AtolDocumentKind.Correction, AtolSettlementSign.Income);

    /// <summary>Purchase correction (коррекция расхода).</summary>
    public static AtolOperation<V5.CorrectionRequest> BuyCorrection { get; } = new("buy_correction", AtolProtocolVersion.V5, AtolDocumentKind.Correction, AtolSettlementSign.Expense);

    /// <summary>Sale refund correction (коррекция возврата прихода).</summary>
    public static AtolOperation<V5.CorrectionRequest> SellRefundCorrection { get; } = new("sell_refund_correction", AtolProtocolVersion.V5, AtolDocumentKind.Correction, AtolSettlementSign.IncomeReturn);

    /// <summary>Purchase refund correction (коррекция возврата расхода).</summary>
    public static AtolOperation<V5.CorrectionRequest> BuyRefundCorrection { get; } = new("buy_refund_correction", AtolProtocolVersion.V5, AtolDocumentKind.Correction, AtolSettlementSign.ExpenseReturn);

    /// <summary>Every operation of protocol v5, in this order (what the emulator serves and the CLI offers).</summary>
    /// <remarks>Adding an operation to the protocol means adding its property above and listing it here.</remarks>
    public static IReadOnlyList<AtolOperation> All { get; } = [Sell, SellRefund, Buy, BuyRefund, SellCorrection, BuyCorrection, SellRefundCorrection, BuyRefundCorrection];
}
