using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// Each operation method sends its own operation, sets the callback address only when given, gives a document without an
/// external_id a fresh one, and refuses a missing client or document by name.
/// </summary>
public sealed class OperationMethodsTests
{
    private const string Callback = "https://shop.test/atol/callback";

    private static readonly string[] V5Names = ["sell", "sell_refund", "buy", "buy_refund", "sell_correction", "buy_correction", "sell_refund_correction", "buy_refund_correction"];

    private static readonly string[] V4Names = ["sell", "sell_refund", "buy", "buy_refund", "sell_correction", "buy_correction"];

    public static TheoryData<string> V5Operations() => [.. V5Names];

    public static TheoryData<string> V4Operations() => [.. V4Names];

    [Theory]
    [MemberData(nameof(V5Operations))]
    public async Task Each_v5_method_sends_its_operation_with_the_callback_address_when_given(string operation)
    {
        var client = new RecordingClient(AtolProtocolVersion.V5);
        await SendV5(client, operation, "ops-" + operation, Callback);
        await SendV5(client, operation, "ops-plain-" + operation, null);

        Assert.Equal([operation, operation], client.Sent.Select(s => s.Operation));
        Assert.Equal("ops-" + operation, client.Sent[0].ExternalId);
        Assert.Equal(Callback, DocumentJson.CallbackUrlOf(client.Sent[0].Json));
        Assert.Null(DocumentJson.CallbackUrlOf(client.Sent[1].Json));
    }

    [Theory]
    [MemberData(nameof(V4Operations))]
    public async Task Each_v4_method_sends_its_operation_with_the_callback_address_when_given(string operation)
    {
        var client = new RecordingClient(AtolProtocolVersion.V4);
        await SendV4(client, operation, "ops4-" + operation, Callback);
        await SendV4(client, operation, "ops4-plain-" + operation, null);

        Assert.Equal([operation, operation], client.Sent.Select(s => s.Operation));
        Assert.Equal("ops4-" + operation, client.Sent[0].ExternalId);
        Assert.Equal(Callback, DocumentJson.CallbackUrlOf(client.Sent[0].Json));
        Assert.Null(DocumentJson.CallbackUrlOf(client.Sent[1].Json));
    }

    [Fact]
    public async Task A_document_without_an_external_id_gets_a_new_one_per_call_and_a_given_one_is_kept()
    {
        var client = new RecordingClient(AtolProtocolVersion.V5);
        await client.SellAsync(Fixtures.V5Sell(""), cancellationToken: Fixtures.Ct);
        await client.SellAsync(Fixtures.V5Sell(""), cancellationToken: Fixtures.Ct);
        await client.RegisterAsync(AtolV5Operations.Sell, Fixtures.V5Sell(""), Callback, Fixtures.Ct);
        await client.RegisterAsync(AtolV5Operations.Sell, Fixtures.V5Sell("kept"), null, Fixtures.Ct);

        string[] ids = [.. client.Sent.Select(s => s.ExternalId)];
        Assert.All(ids.Take(3), id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(3, ids.Take(3).Distinct().Count());
        Assert.Equal("kept", ids[3]);
        Assert.Equal(Callback, DocumentJson.CallbackUrlOf(client.Sent[2].Json));
        Assert.Null(DocumentJson.CallbackUrlOf(client.Sent[3].Json));
    }

    [Fact]
    public async Task A_missing_client_or_document_is_refused_by_name_before_anything_is_sent()
    {
        IAtolRegistrationClient missing = null!;
        var client = new RecordingClient(AtolProtocolVersion.V5);
        foreach (string operation in V5Names)
        {
            Assert.Equal("client", (await Assert.ThrowsAsync<ArgumentNullException>(() => SendV5(missing, operation, "x", null))).ParamName);
            Assert.Equal("document", (await Assert.ThrowsAsync<ArgumentNullException>(() => SendV5(client, operation, null, null))).ParamName);
        }

        var v4 = new RecordingClient(AtolProtocolVersion.V4);
        foreach (string operation in V4Names)
        {
            Assert.Equal("client", (await Assert.ThrowsAsync<ArgumentNullException>(() => SendV4(missing, operation, "x", null))).ParamName);
            Assert.Equal("document", (await Assert.ThrowsAsync<ArgumentNullException>(() => SendV4(v4, operation, null, null))).ParamName);
        }

        Assert.Equal("client", (await Assert.ThrowsAsync<ArgumentNullException>(() => missing.RegisterAsync(AtolV5Operations.Sell, Fixtures.V5Sell("x"), null, Fixtures.Ct))).ParamName);
        Assert.Empty(client.Sent);
        Assert.Empty(v4.Sent);
    }

    private static Task<AtolRegistration> SendV5(IAtolRegistrationClient client, string operation, string? externalId, string? callbackUrl)
    {
        var ct = Fixtures.Ct;
        V5.ReceiptRequest? receipt = externalId is null ? null : Fixtures.V5Sell(externalId);
        V5.CorrectionRequest? correction = externalId is null ? null : Fixtures.V5Correction(externalId);
        return operation switch
        {
            "sell" => client.SellAsync(receipt!, callbackUrl, ct),
            "sell_refund" => client.SellRefundAsync(receipt!, callbackUrl, ct),
            "buy" => client.BuyAsync(receipt!, callbackUrl, ct),
            "buy_refund" => client.BuyRefundAsync(receipt!, callbackUrl, ct),
            "sell_correction" => client.SellCorrectionAsync(correction!, callbackUrl, ct),
            "buy_correction" => client.BuyCorrectionAsync(correction!, callbackUrl, ct),
            "sell_refund_correction" => client.SellRefundCorrectionAsync(correction!, callbackUrl, ct),
            "buy_refund_correction" => client.BuyRefundCorrectionAsync(correction!, callbackUrl, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static Task<AtolRegistration> SendV4(IAtolRegistrationClient client, string operation, string? externalId, string? callbackUrl)
    {
        var ct = Fixtures.Ct;
        V4.ReceiptRequest? receipt = externalId is null ? null : Fixtures.V4Sell(externalId);
        V4.CorrectionRequest? correction = externalId is null ? null : Fixtures.V4Correction(externalId);
        return operation switch
        {
            "sell" => client.SellAsync(receipt!, callbackUrl, ct),
            "sell_refund" => client.SellRefundAsync(receipt!, callbackUrl, ct),
            "buy" => client.BuyAsync(receipt!, callbackUrl, ct),
            "buy_refund" => client.BuyRefundAsync(receipt!, callbackUrl, ct),
            "sell_correction" => client.SellCorrectionAsync(correction!, callbackUrl, ct),
            "buy_correction" => client.BuyCorrectionAsync(correction!, callbackUrl, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>A registration client that keeps what it was asked to send, as JSON.</summary>
    private sealed class RecordingClient(AtolProtocolVersion version) : IAtolRegistrationClient
    {
        public List<(string Operation, string ExternalId, string Json)> Sent { get; } = [];

        public AtolProtocolVersion ProtocolVersion => version;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
        {
            Assert.Equal(version, operation.ProtocolVersion);
            Sent.Add((operation.Name, document.ExternalId, AtolJson.ToJsonString(document)));
            return Task.FromResult(new AtolRegistration("u-" + Sent.Count, AtolDocumentStatus.Wait, ScriptedAtol.Timestamp, document.ExternalId, operation.Name, false, 1));
        }

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
