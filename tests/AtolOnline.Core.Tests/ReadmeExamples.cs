using AtolOnline.V5;

namespace AtolOnline.Core.Tests;

/// <summary>The README's usage example, compiled and run: keep the two in step.</summary>
public sealed class ReadmeExamples
{
    [Fact]
    public void Usage_example_builds_validates_writes_and_reads_back()
    {
        var request = new ReceiptRequest
        {
            ExternalId = "order-1042-sell",
            Timestamp = new DateTime(2026, 11, 28, 12, 0, 0), // ATOL's clock (Moscow time); AtolTime.Now() gives the current one
            Receipt = new Receipt
            {
                Client = new Client { Email = "buyer@example.ru" },
                Company = new Company
                {
                    Email = "shop@example.ru",
                    Sno = TaxationSystem.Osn,
                    Inn = "5544332219",
                    PaymentAddress = "https://v5.online.atol.ru",
                },
                Items =
                [
                    new Item
                    {
                        Name = "Кофе в зёрнах 1 кг",
                        Price = 1250.00m,
                        Quantity = 2,
                        Measure = MeasureUnit.Piece,
                        Sum = 2500.00m,
                        PaymentMethod = PaymentMethod.FullPayment,
                        PaymentObject = PaymentObject.Commodity,
                        Vat = new ItemVat { Type = VatType.Vat22 },
                    },
                ],
                Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2500.00m }],
                Total = 2500.00m,
            },
        };

        ValidationResult result = request.Validate();
        Assert.True(result.IsValid, string.Join("\n", result.Violations));

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
