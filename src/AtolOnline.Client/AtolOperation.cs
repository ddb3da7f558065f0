namespace AtolOnline;

/// <summary>
/// A registration operation bound to the document type it takes, so that an operation cannot be paired with the wrong
/// document (a correction with <c>sell</c>, a v4 receipt with a v5 operation). Use the instances in
/// <see cref="AtolV5Operations"/> and <see cref="AtolV4Operations"/>.
/// </summary>
/// <typeparam name="TDocument">The request document type.</typeparam>
public sealed class AtolOperation<TDocument>
    where TDocument : class, IAtolJsonModel<TDocument>
{
    internal AtolOperation(string name, AtolProtocolVersion version)
    {
        Name = name;
        ProtocolVersion = version;
    }

    /// <summary>The URL segment (<c>sell</c>, <c>buy_refund_correction</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The protocol the operation belongs to.</summary>
    public AtolProtocolVersion ProtocolVersion { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The operations of protocol v5 (FFD 1.2).</summary>
public static class AtolV5Operations
{
    /// <summary>Sale (приход).</summary>
    public static AtolOperation<V5.ReceiptRequest> Sell { get; } = new("sell", AtolProtocolVersion.V5);

    /// <summary>Sale refund (возврат прихода).</summary>
    public static AtolOperation<V5.ReceiptRequest> SellRefund { get; } = new("sell_refund", AtolProtocolVersion.V5);

    /// <summary>Purchase (расход).</summary>
    public static AtolOperation<V5.ReceiptRequest> Buy { get; } = new("buy", AtolProtocolVersion.V5);

    /// <summary>Purchase refund (возврат расхода).</summary>
    public static AtolOperation<V5.ReceiptRequest> BuyRefund { get; } = new("buy_refund", AtolProtocolVersion.V5);

    /// <summary>Sale correction (коррекция прихода).</summary>
    public static AtolOperation<V5.CorrectionRequest> SellCorrection { get; } = new("sell_correction", AtolProtocolVersion.V5);

    /// <summary>Purchase correction (коррекция расхода).</summary>
    public static AtolOperation<V5.CorrectionRequest> BuyCorrection { get; } = new("buy_correction", AtolProtocolVersion.V5);

    /// <summary>Sale refund correction (коррекция возврата прихода).</summary>
    public static AtolOperation<V5.CorrectionRequest> SellRefundCorrection { get; } = new("sell_refund_correction", AtolProtocolVersion.V5);

    /// <summary>Purchase refund correction (коррекция возврата расхода).</summary>
    public static AtolOperation<V5.CorrectionRequest> BuyRefundCorrection { get; } = new("buy_refund_correction", AtolProtocolVersion.V5);
}

/// <summary>The operations of protocol v4 (FFD 1.05).</summary>
public static class AtolV4Operations
{
    /// <summary>Sale (приход).</summary>
    public static AtolOperation<V4.ReceiptRequest> Sell { get; } = new("sell", AtolProtocolVersion.V4);

    /// <summary>Sale refund (возврат прихода).</summary>
    public static AtolOperation<V4.ReceiptRequest> SellRefund { get; } = new("sell_refund", AtolProtocolVersion.V4);

    /// <summary>Purchase (расход).</summary>
    public static AtolOperation<V4.ReceiptRequest> Buy { get; } = new("buy", AtolProtocolVersion.V4);

    /// <summary>Purchase refund (возврат расхода).</summary>
    public static AtolOperation<V4.ReceiptRequest> BuyRefund { get; } = new("buy_refund", AtolProtocolVersion.V4);

    /// <summary>Sale correction (коррекция прихода).</summary>
    public static AtolOperation<V4.CorrectionRequest> SellCorrection { get; } = new("sell_correction", AtolProtocolVersion.V4);

    /// <summary>Purchase correction (коррекция расхода).</summary>
    public static AtolOperation<V4.CorrectionRequest> BuyCorrection { get; } = new("buy_correction", AtolProtocolVersion.V4);
}
