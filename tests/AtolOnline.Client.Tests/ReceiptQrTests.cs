using System.Globalization;
using System.Text.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>The receipt's QR string: its format, the kind of receipt per operation, refusals, and <c>atol report --format json</c>.</summary>
public sealed class ReceiptQrTests
{
    [Fact]
    public void The_string_has_the_tax_services_format()
    {
        Assert.Equal("t=20180522T1228&s=4500.00&fn=9288000100014915&i=108&fp=3004144185&n=1",
            AtolReceiptQr.Build(new DateTime(2018, 5, 22, 12, 28, 59), 4500m, "9288000100014915", 108, 3004144185, AtolSettlementSign.Income));
        Assert.Equal("t=20261128T0905&s=0.50&fn=1&i=0&fp=0&n=4",
            AtolReceiptQr.Build(new DateTime(2026, 11, 28, 9, 5, 0), 0.5m, "1", 0, 0, AtolSettlementSign.ExpenseReturn));
    }

    [Fact]
    public void Bad_parts_are_refused()
    {
        var time = new DateTime(2026, 11, 28, 12, 0, 0);
        Assert.Throws<ArgumentException>(() => AtolReceiptQr.Build(time, 1m, "92880A", 1, 1, AtolSettlementSign.Income));
        Assert.Throws<ArgumentException>(() => AtolReceiptQr.Build(time, 1m, "", 1, 1, AtolSettlementSign.Income));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtolReceiptQr.Build(time, -1m, "1", 1, 1, AtolSettlementSign.Income));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtolReceiptQr.Build(time, 1m, "1", -1, 1, AtolSettlementSign.Income));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtolReceiptQr.Build(time, 1m, "1", 1, 1, (AtolSettlementSign)5));
    }

    [Fact]
    public async Task Every_v5_operation_gives_its_kind_and_the_string_carries_the_reports_fiscal_data()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        foreach (var operation in AtolProtocolDescriptor.V5.Operations)
        {
            var registration = operation.DocumentKind == AtolDocumentKind.Receipt
                ? await client.RegisterAsync((AtolOperation<V5.ReceiptRequest>)operation, Fixtures.V5Sell("qr-" + operation.Name), Fixtures.Ct)
                : await client.RegisterAsync((AtolOperation<V5.CorrectionRequest>)operation, Fixtures.V5Correction("qr-" + operation.Name), Fixtures.Ct);
            var report = await client.WaitForReportAsync(registration.Uuid, Fixtures.Ct);
            string qr = AtolReceiptQr.FromReport(report, operation);
            var payload = report.V5!.Payload!;
            string t = payload.ReceiptDatetime!.Value.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
            Assert.Equal(
                $"t={t}&s={payload.Total!.Value.ToString("0.00", CultureInfo.InvariantCulture)}&fn={payload.FnNumber}&i={payload.FiscalDocumentNumber}&fp={payload.FiscalDocumentAttribute}&n={(int)operation.SettlementSign}",
                qr);
            int expectedKind = operation.Name switch
            {
                "sell" or "sell_correction" => 1,
                "sell_refund" or "sell_refund_correction" => 2,
                "buy" or "buy_correction" => 3,
                _ => 4,
            };
            Assert.EndsWith("&n=" + expectedKind.ToString(CultureInfo.InvariantCulture), qr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_report_that_is_not_done_or_of_the_other_protocol_gets_no_string()
    {
        await using var atol = await Fixtures.StartAsync(o => o.ProcessingDelay = TimeSpan.FromHours(1));
        var client = Fixtures.Client(atol);
        var registration = await client.SellAsync(Fixtures.V5Sell("qr-wait"), cancellationToken: Fixtures.Ct);
        var waiting = await client.GetReportAsync(registration.Uuid, Fixtures.Ct);
        var error = Assert.Throws<InvalidOperationException>(() => AtolReceiptQr.FromReport(waiting, AtolV5Operations.Sell));
        Assert.Contains("not done", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AtolReceiptQr.FromReport(waiting, AtolV4Operations.Sell));
    }

    [Fact]
    public async Task Atol_report_format_json_prints_the_report_with_qr_for_a_computed_receipt()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        // A receipt whose sums the money helpers computed, registered and processed like any other.
        var account = AtolTestAccount.V5;
        V5.Item[] items =
        [
            V5.Item.Create("Кофе в зёрнах 1 кг", 1250.00m, 2, V5.VatType.Vat22, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity),
            V5.Item.Create("Сыр «Российский» весовой", 712.00m, 0.375m, V5.VatType.Vat10, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity, V5.MeasureUnit.Kilogram),
        ];
        var request = new V5.ReceiptRequest
        {
            ExternalId = "qr-json",
            Timestamp = new DateTime(2026, 11, 28, 12, 0, 0),
            Receipt = V5.Receipt.Create(new V5.Buyer { Email = "buyer@example.ru" },
                new V5.Company { Email = "shop@example.ru", Sno = V5.TaxationSystem.Osn, Inn = account.Inn, PaymentAddress = account.PaymentAddress },
                items, V5.PaymentType.Cashless),
        };
        var registration = await client.SellAsync(request, cancellationToken: Fixtures.Ct);
        var report = await client.WaitForReportAsync(registration.Uuid, Fixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);

        var run = await CliRunner.RunAsync("report", registration.Uuid, "--format", "json", "--operation", "sell", "--test", "--base-url", atol.BaseAddress.ToString());
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(registration.Uuid, root.GetProperty("uuid").GetString());
        Assert.Equal("done", root.GetProperty("status").GetString());
        Assert.Equal(2767.00m, root.GetProperty("payload").GetProperty("total").GetDecimal());
        string qr = root.GetProperty("qr").GetString()!;
        Assert.Equal(AtolReceiptQr.FromReport(report, AtolV5Operations.Sell), qr);
        Assert.Contains("&s=2767.00&", qr, StringComparison.Ordinal);
        Assert.EndsWith("&n=1", qr, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage("qr of an emulator report: " + qr);

        var withoutOperation = await CliRunner.RunAsync("report", registration.Uuid, "--format", "json", "--test", "--base-url", atol.BaseAddress.ToString());
        Assert.Equal(0, withoutOperation.ExitCode);
        using var bare = JsonDocument.Parse(withoutOperation.Stdout);
        Assert.Equal(JsonValueKind.Null, bare.RootElement.GetProperty("qr").ValueKind);
        Assert.Contains("qr needs --operation", withoutOperation.Stderr, StringComparison.Ordinal);
    }
}
