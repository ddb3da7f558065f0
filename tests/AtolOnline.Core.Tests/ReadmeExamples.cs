using AtolOnline.V5;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Core.Tests;

/// <summary>The README's usage example, compiled and run: keep the two in step.</summary>
public sealed class ReadmeExamples
{
    [Fact]
    public void Usage_example_builds_validates_writes_and_reads_back()
    {
        // The money is computed: the item's sum (price × quantity) and its VAT (2500.00 × 22/122 = 450.82), the total and
        // the one payment; the test company's INN and payment address are constants.
        Item coffee = Item.Create("Кофе в зёрнах 1 кг", price: 1250.00m, quantity: 2, VatType.Vat22, PaymentMethod.FullPayment, PaymentObject.Commodity);
        var request = new ReceiptRequest
        {
            ExternalId = "order-1042-sell",
            Timestamp = new DateTime(2026, 11, 28, 12, 0, 0),
            Receipt = Receipt.Create(
                new Buyer { Email = "buyer@example.ru" },
                new Company { Email = "shop@example.ru", Sno = TaxationSystem.Osn, Inn = AtolTestAccount.TestInn, PaymentAddress = AtolTestAccount.V5.PaymentAddress },
                [coffee],
                paidBy: PaymentType.Cashless),
        };

        ValidationResult result = request.Validate();
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        Assert.Empty(result.Violations);

        // What the helpers computed is what the example used to write by hand, plus the item's VAT.
        Assert.Equal(2500.00m, request.Receipt.Total);
        Assert.Equal(2500.00m, request.Receipt.Items[0].Sum);
        Assert.Equal(new ItemVat { Type = VatType.Vat22, Sum = 450.82m }, request.Receipt.Items[0].Vat);
        Assert.Equal([new Payment { Type = PaymentType.Cashless, Sum = 2500.00m }], request.Receipt.Payments);
        Assert.Equal(("5544332219", "https://v5.online.atol.ru"), (request.Receipt.Company.Inn, request.Receipt.Company.PaymentAddress));

        byte[] body = AtolJson.ToUtf8Bytes(request);
        ReceiptRequest back = AtolJson.Parse<ReceiptRequest>(body);
        Assert.Equal(request, back);
        Assert.Contains("\"timestamp\":\"28.11.2026 12:00:00\"", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);

        string json = System.Text.Json.JsonSerializer.Serialize(request, AtolV5JsonContext.Default.ReceiptRequest);
        Assert.Contains("\"name\":\"Кофе в зёрнах 1 кг\"", json, StringComparison.Ordinal);

        ValidationResult checkedJson = AtolJson.Validate<ReceiptRequest>(body, out ReceiptRequest? parsed);
        Assert.True(checkedJson.IsValid);
        Assert.Equal(request, parsed);
    }
}
