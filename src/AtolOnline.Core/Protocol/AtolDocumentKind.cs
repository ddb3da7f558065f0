namespace AtolOnline.Protocol;

/// <summary>The kind of document a registration operation takes.</summary>
public enum AtolDocumentKind
{
    /// <summary>A receipt (<c>sell</c>, <c>sell_refund</c>, <c>buy</c>, <c>buy_refund</c>).</summary>
    Receipt = 1,

    /// <summary>A correction (<c>*_correction</c>).</summary>
    Correction = 2,
}
