using AtolOnline.Emulator;
using AtolOnline.Validation;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Every_v5_operation_registers_and_reaches_done()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var results = new List<AtolRegistration>
        {
            await client.SellAsync(Fixtures.V5Sell("v5-sell"), cancellationToken: Fixtures.Ct),
            await client.SellRefundAsync(Fixtures.V5Sell("v5-sell-refund"), cancellationToken: Fixtures.Ct),
            await client.BuyAsync(Fixtures.V5Sell("v5-buy"), cancellationToken: Fixtures.Ct),
            await client.BuyRefundAsync(Fixtures.V5Sell("v5-buy-refund"), cancellationToken: Fixtures.Ct),
            await client.SellCorrectionAsync(Fixtures.V5Correction("v5-sc"), cancellationToken: Fixtures.Ct),
            await client.BuyCorrectionAsync(Fixtures.V5Correction("v5-bc"), cancellationToken: Fixtures.Ct),
            await client.SellRefundCorrectionAsync(Fixtures.V5Correction("v5-src"), cancellationToken: Fixtures.Ct),
            await client.BuyRefundCorrectionAsync(Fixtures.V5Correction("v5-brc"), cancellationToken: Fixtures.Ct),
        };

        string[] expected = ["sell", "sell_refund", "buy", "buy_refund", "sell_correction", "buy_correction", "sell_refund_correction", "buy_refund_correction"];
        Assert.Equal(expected, results.Select(r => r.Operation));
        foreach (var r in results)
        {
            Assert.False(r.IsDuplicate);
            Assert.Equal(AtolDocumentStatus.Wait, r.Status);
            var stored = atol.FindDocument(r.Uuid);
            Assert.NotNull(stored);
            Assert.Equal(r.Operation, stored.Operation);
            Assert.Equal(r.ExternalId, stored.ExternalId);
            var report = await client.WaitForReportAsync(r.Uuid, Fixtures.Ct);
            Assert.Equal(AtolDocumentStatus.Done, report.Status);
            Assert.Equal(r.ExternalId, report.ExternalId);
            Assert.NotNull(report.V5?.Payload);
            Assert.True(report.FiscalDocumentAttribute > int.MaxValue);
        }

        Assert.Equal(8, atol.Documents.Count);
    }

    [Fact]
    public async Task Every_v4_operation_registers_and_reaches_done()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol, AtolProtocolVersion.V4);
        var results = new List<AtolRegistration>
        {
            await client.SellAsync(Fixtures.V4Sell("v4-sell"), cancellationToken: Fixtures.Ct),
            await client.SellRefundAsync(Fixtures.V4Sell("v4-sell-refund"), cancellationToken: Fixtures.Ct),
            await client.BuyAsync(Fixtures.V4Sell("v4-buy"), cancellationToken: Fixtures.Ct),
            await client.BuyRefundAsync(Fixtures.V4Sell("v4-buy-refund"), cancellationToken: Fixtures.Ct),
            await client.SellCorrectionAsync(Fixtures.V4Correction("v4-sc"), cancellationToken: Fixtures.Ct),
            await client.BuyCorrectionAsync(Fixtures.V4Correction("v4-bc"), cancellationToken: Fixtures.Ct),
        };

        foreach (var r in results)
        {
            var stored = atol.FindDocument(r.Uuid);
            Assert.NotNull(stored);
            Assert.Equal(Fixtures.V4Group, stored.GroupCode);
            Assert.Equal(r.Operation, stored.Operation);
            var report = await client.WaitForReportAsync(r.Uuid, Fixtures.Ct);
            Assert.Equal(AtolDocumentStatus.Done, report.Status);
            Assert.Equal(AtolProtocolVersion.V4, report.ProtocolVersion);
            Assert.NotNull(report.V4?.Payload?.FnNumber);
        }

        Assert.Equal(6, atol.Documents.Count);
    }

    [Fact]
    public async Task Empty_external_id_is_generated_and_callback_url_is_set()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var r = await client.SellAsync(Fixtures.V5Sell(""), "https://shop.example.ru/atol/cb?k=7f3a", Fixtures.Ct);
        Assert.Matches("^[0-9a-f]{32}$", r.ExternalId);
        var stored = atol.FindDocument(r.Uuid)!;
        Assert.Equal(r.ExternalId, stored.ExternalId);
        Assert.Equal("https://shop.example.ru/atol/cb?k=7f3a", stored.CallbackUrl);
    }

    [Fact]
    public async Task Same_external_id_twice_is_a_duplicate_with_the_first_uuid()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var first = await client.SellAsync(Fixtures.V5Sell("dup-1"), cancellationToken: Fixtures.Ct);
        var second = await client.SellAsync(Fixtures.V5Sell("dup-1"), cancellationToken: Fixtures.Ct);
        Assert.False(first.IsDuplicate);
        Assert.True(second.IsDuplicate);
        Assert.Equal(first.Uuid, second.Uuid);
        Assert.Single(atol.Documents);
    }

    [Fact]
    public async Task Invalid_document_is_never_sent_and_every_violation_is_reported()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var valid = Fixtures.V5Sell("invalid-1");
        var invalid = valid with { Timestamp = new DateTime(2205, 3, 5, 14, 2, 0), Receipt = valid.Receipt with { Total = valid.Receipt.Total + 1 } };
        var ex = await Assert.ThrowsAsync<AtolValidationException>(() => client.SellAsync(invalid, cancellationToken: Fixtures.Ct));
        Assert.True(ex.Result.ErrorCount >= 2);
        Assert.Contains(ex.Result.Violations, v => v.Path == "timestamp");
        Assert.Contains(ex.Result.Violations, v => v.Path.StartsWith("receipt", StringComparison.Ordinal));
        Assert.Empty(atol.Documents);
        Assert.Equal(0, client.TokenFetchCount);
    }

    [Fact]
    public async Task An_operation_of_the_other_protocol_is_refused_before_sending()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol, AtolProtocolVersion.V4);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SellAsync(Fixtures.V5Sell("wrong-protocol"), cancellationToken: Fixtures.Ct));
        Assert.Empty(atol.Documents);
    }

    [Fact]
    public async Task A_document_failed_by_the_register_gives_a_fail_report_with_the_agent_error()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var doc = Fixtures.V5Sell("inn-mismatch");
        doc = doc with { Receipt = doc.Receipt with { Company = doc.Receipt.Company with { Inn = "7707083893" } } };
        var r = await client.SellAsync(doc, cancellationToken: Fixtures.Ct);
        var report = await client.WaitForReportAsync(r.Uuid, Fixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Fail, report.Status);
        Assert.Equal(AtolErrorType.Agent, report.Error!.Type);
        Assert.Equal(2009, report.Error.Code);
        Assert.Equal(AtolErrorAction.FixDocument, report.Error.Action);
    }

    [Fact]
    public async Task Unknown_uuid_report_is_an_api_exception_with_code_30()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.GetReportAsync("00000000-0000-0000-0000-000000000000", Fixtures.Ct));
        Assert.Equal(30, ex.Code);
        Assert.Equal(AtolErrorType.System, ex.Type);
        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal(AtolErrorAction.FixDocument, ex.Action);
    }

    [Fact]
    public async Task Report_not_ready_is_wait_and_the_wait_ends_at_the_deadline()
    {
        await using var atol = await Fixtures.StartAsync(o => o.ProcessingDelay = TimeSpan.FromHours(1));
        var client = Fixtures.Client(atol, configure: o => o.Polling.Deadline = TimeSpan.FromMilliseconds(200));
        var r = await client.SellAsync(Fixtures.V5Sell("slow-1"), cancellationToken: Fixtures.Ct);
        var report = await client.GetReportAsync(r.Uuid, Fixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Wait, report.Status);
        Assert.Equal(34, report.Error?.Code);
        Assert.False(report.IsFinal);
        await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForReportAsync(r.Uuid, Fixtures.Ct));
    }
}
