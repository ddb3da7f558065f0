using AtolOnline.Json;

namespace AtolOnline.Protocol;

/// <summary>
/// A registration operation bound to the document type it takes, so that an operation cannot be paired with the wrong
/// document (a correction with <c>sell</c>, a v4 receipt with a v5 operation). Use the instances in
/// <see cref="AtolV5Operations"/> and <see cref="AtolV4Operations"/>.
/// </summary>
/// <typeparam name="TDocument">The request document type.</typeparam>
public sealed class AtolOperation<TDocument> : AtolOperation
    where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
{
    internal AtolOperation(string name, AtolProtocolVersion version, AtolDocumentKind documentKind, AtolSettlementSign settlementSign)
        : base(name, version, documentKind, settlementSign)
    {
    }

    /// <inheritdoc/>
    public override TResult Accept<TResult>(IAtolOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
