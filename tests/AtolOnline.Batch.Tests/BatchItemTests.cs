using System.Security.Cryptography;
using System.Text;
using AtolOnline.Client.Tests;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;
using AtolOnline.Validation;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// A batch item of every document type: it needs an external_id, hashes exactly the body it sends, carries the run's
/// callback address only in callback mode, and an unreadable line is an item that can never be sent.
/// </summary>
public sealed class BatchItemTests
{
    private const string Callback = "https://shop.test/atol/cb/run-1";

    public static TheoryData<string> Kinds() => ["v5-receipt", "v5-correction", "v4-receipt", "v4-correction"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_document_type_is_sent_with_the_callback_address_only_when_one_is_given(string kind)
    {
        var item = Item(kind, "item-" + kind);
        var client = new RecordingClient();

        await item.RegisterAsync(client, Callback, BatchFixtures.Ct);
        await item.RegisterAsync(client, null, BatchFixtures.Ct);

        Assert.Equal(Callback, DocumentJson.CallbackUrlOf(client.Sent[0]));
        Assert.Null(DocumentJson.CallbackUrlOf(client.Sent[1]));
        Assert.Equal("item-" + kind, item.ExternalId);
        Assert.Equal(kind.EndsWith("correction", StringComparison.Ordinal) ? "sell_correction" : "sell", item.Operation);
        Assert.Null(item.InputError);

        // The hash is of the body without the run's callback address: the same document hashes the same in any mode.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(client.Sent[1]))), item.ContentHash);
        Assert.True(item.Validate().IsValid);
    }

    [Fact]
    public void A_document_without_an_external_id_or_a_missing_argument_is_refused()
    {
        var document = SampleDocuments.Sell(1, 2, marked: false, agents: false) with { ExternalId = "" };
        var ex = Assert.Throws<ArgumentException>(() => BatchItem.Create(AtolV5Operations.Sell, document));
        Assert.Equal("document", ex.ParamName);
        Assert.StartsWith("A batch needs an external_id on every document", ex.Message, StringComparison.Ordinal);
        Assert.Equal("operation", Assert.Throws<ArgumentNullException>(() => BatchItem.Create(null!, document)).ParamName);
        Assert.Equal("document", Assert.Throws<ArgumentNullException>(() => BatchItem.Create(AtolV5Operations.Sell, (V5.ReceiptRequest)null!)).ParamName);
    }

    [Fact]
    public void An_unreadable_line_is_an_item_with_its_error_no_hash_and_nothing_to_validate()
    {
        var item = BatchItem.Unreadable(7, "unexpected end of the line");
        Assert.Equal(7, item.LineNumber);
        Assert.Equal("unexpected end of the line", item.InputError);
        Assert.Equal("", item.ExternalId);
        Assert.Equal("", item.Operation);
        Assert.Equal("", item.ContentHash);
        Assert.True(item.Validate().IsValid);
        Assert.Equal("named", BatchItem.Unreadable(8, "bad", "named").ExternalId);
    }

    [Fact]
    public void The_item_validates_with_its_operation_so_a_rule_that_depends_on_it_is_an_error()
    {
        // vat18 is refused by ATOL in a v4 sell (an error) but only deprecated where the operation is unknown (a warning).
        var document = SampleDocuments.V4Sell(1, 1) with { ExternalId = "v4-vat18" };
        document = document with { Receipt = document.Receipt with { Items = [document.Receipt.Items[0] with { Vat = new V4.ItemVat { Type = V4.VatType.Vat18 } }] } };

        var result = BatchItem.Create(AtolV4Operations.Sell, document).Validate();

        var violation = Assert.Single(result.Violations, v => v.Code == CrossFieldRuleCodes.Vat18ForbiddenInSellBuy);
        Assert.Equal(("receipt.items[0].vat.type", ValidationSeverity.Error), (violation.Path, violation.Severity));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void An_invalid_document_is_reported_by_its_item_with_the_operation_in_the_context()
    {
        var document = SampleDocuments.Sell(3, 2, marked: false, agents: false) with { ExternalId = "bad-total" };
        document = document with { Receipt = document.Receipt with { Total = document.Receipt.Total + 1 } };
        var result = BatchItem.Create(AtolV5Operations.Sell, document, 5).Validate();
        Assert.False(result.IsValid);
        Assert.Contains(result.Violations, e => e.Path.StartsWith("receipt", StringComparison.Ordinal));
    }

    private static BatchItem Item(string kind, string externalId) => kind switch
    {
        "v5-receipt" => BatchItem.Create(AtolV5Operations.Sell, SampleDocuments.Sell(1, 2, marked: false, agents: false) with { ExternalId = externalId }),
        "v5-correction" => BatchItem.Create(AtolV5Operations.SellCorrection, SampleDocuments.SellCorrection(1, 2) with { ExternalId = externalId }),
        "v4-receipt" => BatchItem.Create(AtolV4Operations.Sell, SampleDocuments.V4Sell(1, 2) with { ExternalId = externalId }),
        _ => BatchItem.Create(AtolV4Operations.SellCorrection, SampleDocuments.V4SellCorrection(1) with { ExternalId = externalId }),
    };

    /// <summary>Keeps the JSON body of every registration it is asked for.</summary>
    private sealed class RecordingClient : IAtolRegistrationClient
    {
        public List<string> Sent { get; } = [];

        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
        {
            Sent.Add(AtolJson.ToJsonString(document));
            return Task.FromResult(new AtolRegistration("u-" + Sent.Count, AtolDocumentStatus.Wait, "05.03.2026 14:02:11", document.ExternalId, operation.Name, false, 1));
        }

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
