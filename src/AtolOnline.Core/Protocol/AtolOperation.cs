namespace AtolOnline.Protocol;

/// <summary>
/// A registration operation of one protocol version (<c>sell</c>, <c>buy_refund_correction</c>, ...), whatever its
/// document type: what <see cref="AtolProtocolDescriptor.Operations"/> lists. The typed operation is
/// <see cref="AtolOperation{TDocument}"/>; <see cref="Accept{TResult}"/> reaches it without reflection.
/// </summary>
public abstract class AtolOperation
{
    // Only AtolOperation<TDocument> derives: the set of operations is the protocol's, not the caller's.
    private protected AtolOperation(string name, AtolProtocolVersion version, AtolDocumentKind documentKind, AtolSettlementSign settlementSign)
    {
        Name = name;
        ProtocolVersion = version;
        DocumentKind = documentKind;
        SettlementSign = settlementSign;
    }

    /// <summary>The URL segment (<c>sell</c>, <c>buy_refund_correction</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The protocol the operation belongs to.</summary>
    public AtolProtocolVersion ProtocolVersion { get; }

    /// <summary>Whether the operation takes a receipt or a correction.</summary>
    public AtolDocumentKind DocumentKind { get; }

    /// <summary>The settlement sign the register records for it (FFD tag 1054).</summary>
    public AtolSettlementSign SettlementSign { get; }

    /// <summary>Calls <paramref name="visitor"/> with the typed operation, so that generic code runs for its document type.</summary>
    /// <typeparam name="TResult">What the visitor returns.</typeparam>
    /// <param name="visitor">The visitor.</param>
    /// <returns>What the visitor returned.</returns>
    public abstract TResult Accept<TResult>(IAtolOperationVisitor<TResult> visitor);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
