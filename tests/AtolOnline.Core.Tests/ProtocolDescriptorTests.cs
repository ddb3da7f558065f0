using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Core.Tests;

/// <summary>The protocol descriptors: what each version lists, how it is found, and the one mapping of statuses and error types.</summary>
public sealed class ProtocolDescriptorTests
{
    [Fact]
    public void V5_lists_eight_operations_and_v4_the_six_without_the_refund_corrections()
    {
        Assert.Equal(
            ["sell", "sell_refund", "buy", "buy_refund", "sell_correction", "buy_correction", "sell_refund_correction", "buy_refund_correction"],
            AtolProtocolDescriptor.V5.Operations.Select(o => o.Name));
        Assert.Equal(
            ["sell", "sell_refund", "buy", "buy_refund", "sell_correction", "buy_correction"],
            AtolProtocolDescriptor.V4.Operations.Select(o => o.Name));
        Assert.Equal([AtolProtocolDescriptor.V5, AtolProtocolDescriptor.V4], AtolProtocolDescriptor.All);
    }

    [Fact]
    public void Each_operation_belongs_to_its_descriptor_and_takes_the_document_kind_its_name_says()
    {
        foreach (var protocol in AtolProtocolDescriptor.All)
        {
            foreach (var operation in protocol.Operations)
            {
                Assert.Equal(protocol.Version, operation.ProtocolVersion);
                var expected = operation.Name.EndsWith("_correction", StringComparison.Ordinal) ? AtolDocumentKind.Correction : AtolDocumentKind.Receipt;
                Assert.Equal(expected, operation.DocumentKind);
                Assert.Same(operation, protocol.FindOperation(operation.Name));
                var sign = operation.Name.Replace("_correction", "", StringComparison.Ordinal) switch
                {
                    "sell" => AtolSettlementSign.Income,
                    "sell_refund" => AtolSettlementSign.IncomeReturn,
                    "buy" => AtolSettlementSign.Expense,
                    _ => AtolSettlementSign.ExpenseReturn,
                };
                Assert.Equal(sign, operation.SettlementSign);
                Assert.Equal(operation.Name, operation.ToString());
            }
        }
    }

    [Fact]
    public void The_visitor_reaches_the_document_type_of_each_operation()
    {
        Assert.Equal(typeof(V5.ReceiptRequest), AtolV5Operations.Sell.Accept(DocumentTypeOf.Instance));
        Assert.Equal(typeof(V5.CorrectionRequest), AtolV5Operations.BuyRefundCorrection.Accept(DocumentTypeOf.Instance));
        Assert.Equal(typeof(V4.ReceiptRequest), AtolV4Operations.BuyRefund.Accept(DocumentTypeOf.Instance));
        Assert.Equal(typeof(V4.CorrectionRequest), AtolV4Operations.SellCorrection.Accept(DocumentTypeOf.Instance));
        Assert.Throws<ArgumentNullException>(() => AtolV5Operations.Sell.Accept<Type>(null!));
    }

    [Fact]
    public void Versions_are_found_by_value_and_by_path_segment_and_unknown_ones_are_refused()
    {
        Assert.Same(AtolProtocolDescriptor.V4, AtolProtocolDescriptor.For(AtolProtocolVersion.V4));
        Assert.Same(AtolProtocolDescriptor.V5, AtolProtocolDescriptor.For(AtolProtocolVersion.V5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtolProtocolDescriptor.For((AtolProtocolVersion)6));
        Assert.Same(AtolProtocolDescriptor.V4, AtolProtocolDescriptor.FromPathSegment("v4"));
        Assert.Same(AtolProtocolDescriptor.V5, AtolProtocolDescriptor.FromPathSegment("v5"));
        Assert.Null(AtolProtocolDescriptor.FromPathSegment("V5"));
        Assert.Null(AtolProtocolDescriptor.FromPathSegment(null));
        Assert.Null(AtolProtocolDescriptor.V5.FindOperation("Sell"));
        Assert.Null(AtolProtocolDescriptor.V4.FindOperation("buy_refund_correction"));
        Assert.Equal("1.05", AtolProtocolDescriptor.V4.FfdVersion);
        Assert.Equal("1.2", AtolProtocolDescriptor.V5.FfdVersion);
    }

    [Fact]
    public void Statuses_and_error_types_of_both_versions_map_to_the_same_neutral_values_and_unknown_stays_unknown()
    {
        Assert.Equal(AtolDocumentStatus.Wait, AtolProtocolMapping.ToDocumentStatus(V5.DocumentStatus.Wait));
        Assert.Equal(AtolDocumentStatus.Done, AtolProtocolMapping.ToDocumentStatus(V5.DocumentStatus.Done));
        Assert.Equal(AtolDocumentStatus.Fail, AtolProtocolMapping.ToDocumentStatus(V5.DocumentStatus.Fail));
        Assert.Equal(AtolDocumentStatus.Unknown, AtolProtocolMapping.ToDocumentStatus(V5.DocumentStatus.Unknown));
        Assert.Equal(AtolDocumentStatus.Unknown, AtolProtocolMapping.ToDocumentStatus((V5.DocumentStatus?)null));
        Assert.Equal(AtolDocumentStatus.Wait, AtolProtocolMapping.ToDocumentStatus(V4.DocumentStatus.Wait));
        Assert.Equal(AtolDocumentStatus.Done, AtolProtocolMapping.ToDocumentStatus(V4.DocumentStatus.Done));
        Assert.Equal(AtolDocumentStatus.Fail, AtolProtocolMapping.ToDocumentStatus(V4.DocumentStatus.Fail));
        Assert.Equal(AtolDocumentStatus.Unknown, AtolProtocolMapping.ToDocumentStatus((V4.DocumentStatus?)null));

        Assert.Equal(AtolErrorType.Driver, AtolProtocolMapping.ToErrorType(V5.ErrorType.Driver));
        Assert.Equal(AtolErrorType.Agent, AtolProtocolMapping.ToErrorType(V5.ErrorType.Agent));
        Assert.Equal(AtolErrorType.UnknownError, AtolProtocolMapping.ToErrorType(V5.ErrorType.UnknownError));
        Assert.Equal(AtolErrorType.Unknown, AtolProtocolMapping.ToErrorType(V5.ErrorType.Unknown));
        Assert.Equal(AtolErrorType.None, AtolProtocolMapping.ToErrorType(V4.ErrorType.None));
        Assert.Equal(AtolErrorType.Timeout, AtolProtocolMapping.ToErrorType(V4.ErrorType.Timeout));
        Assert.Equal(AtolErrorType.System, AtolProtocolMapping.ToErrorType(V4.ErrorType.System));
        Assert.Equal(AtolErrorType.Unknown, AtolProtocolMapping.ToErrorType((V4.ErrorType?)null));
    }

    [Fact]
    public void A_document_copied_with_another_external_id_or_callback_keeps_everything_else()
    {
        var sell = CrossFieldRuleTests.BaseSell();
        IAtolDocument<V5.ReceiptRequest> document = sell;
        var renamed = document.WithExternalId("other");
        Assert.Equal("other", renamed.ExternalId);
        Assert.Equal(sell with { ExternalId = "other" }, renamed);
        var called = ((IAtolDocument<V5.ReceiptRequest>)renamed).WithCallbackUrl("https://shop.example/cb");
        Assert.Equal("https://shop.example/cb", called.Service?.CallbackUrl);
        Assert.Equal(renamed.Receipt, called.Receipt);
        Assert.Equal(sell.ExternalId, ((IAtolDocument)sell).ExternalId);
    }

    private sealed class DocumentTypeOf : IAtolOperationVisitor<Type>
    {
        public static readonly DocumentTypeOf Instance = new();

        public Type Visit<TDocument>(AtolOperation<TDocument> operation)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument => typeof(TDocument);
    }
}
