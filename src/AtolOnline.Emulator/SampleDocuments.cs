using System.Globalization;
using AtolOnline.V5;
using AtolOnline.Protocol;

namespace AtolOnline.Emulator;

/// <summary>
/// Realistic v5 documents for the demo, the tests and the benchmarks: several items with Cyrillic names, mixed VAT,
/// agents with suppliers, marked goods, and consistent sums (sum = price × quantity, total = Σ sums = Σ payments).
/// Deterministic for a given seed.
/// </summary>
public static class SampleDocuments
{
    private static readonly string[] Goods =
    [
        "Молоко пастеризованное 3,2% 1 л", "Хлеб «Бородинский» нарезка", "Сыр «Российский» весовой", "Кофе в зёрнах 1 кг",
        "Шоколад горький 72%", "Вода минеральная 0,5 л", "Чай зелёный листовой", "Масло сливочное 82,5%",
        "Кроссовки беговые, размер 42", "Футболка хлопковая", "Доставка курьером", "Подписка на онлайн-кинотеатр",
    ];

    // Since 01.01.2026 the general rate is 22 %; one VAT family per document (decision 16, schemas/DECISIONS.md).
    private static readonly VatType[] Vats = [VatType.Vat22, VatType.Vat10, VatType.Vat5, VatType.Vat7, VatType.None, VatType.Vat0];

    /// <summary>The company of ATOL's public v5 test group (INN and payment address of the test environment).</summary>
    public static Company TestCompany { get; } = new()
    {
        Email = "shop@example.ru",
        Sno = TaxationSystem.Osn,
        Inn = AtolTestAccount.V5.Inn,
        PaymentAddress = AtolTestAccount.V5.PaymentAddress,
    };

    /// <summary>A sell receipt with <paramref name="itemCount"/> items (1..100).</summary>
    public static ReceiptRequest Sell(int seed, int itemCount, Company? company = null, bool marked = true, bool agents = true)
    {
        var random = new Random(seed);
        var items = new Item[itemCount];
        decimal total = 0;
        for (int i = 0; i < itemCount; i++)
        {
            items[i] = NewItem(random, i, marked, agents);
            total += items[i].Sum;
        }

        return new ReceiptRequest
        {
            ExternalId = "demo-" + seed.ToString(CultureInfo.InvariantCulture),
            Timestamp = new DateTime(2026, 11, 28, 12, 0, 0),
            Receipt = new Receipt
            {
                Client = new Buyer { Email = "buyer" + (seed % 1000).ToString(CultureInfo.InvariantCulture) + "@example.ru" },
                Company = company ?? TestCompany,
                Items = items,
                Payments = [new Payment { Type = PaymentType.Cashless, Sum = total }],
                Total = total,
                Cashier = "Иванова А. П.",
            },
        };
    }

    /// <summary>A sell correction (self-initiated) for the same kind of items.</summary>
    public static CorrectionRequest SellCorrection(int seed, int itemCount)
    {
        var receipt = Sell(seed, itemCount, marked: false, agents: false).Receipt;
        return new CorrectionRequest
        {
            ExternalId = "demo-corr-" + seed.ToString(CultureInfo.InvariantCulture),
            Timestamp = new DateTime(2026, 11, 28, 12, 5, 0),
            Correction = new Correction
            {
                CorrectionInfo = new CorrectionInfo { Type = CorrectionType.Self, BaseDate = new DateOnly(2026, 11, 27) },
                Company = receipt.Company,
                Items = receipt.Items,
                Payments = receipt.Payments,
                Total = receipt.Total,
            },
        };
    }

    private static Item NewItem(Random random, int index, bool marked, bool agents)
    {
        var vat = Vats[random.Next(Vats.Length)];
        bool weighed = random.Next(5) == 0;
        decimal quantity = weighed ? 0.25m * random.Next(1, 9) : random.Next(1, 4);
        decimal price = random.Next(1, 500_000) * 0.04m; // a multiple of 0.04 keeps price × 0.25 at whole kopecks
        decimal sum = price * quantity;
        var item = new Item
        {
            Name = Goods[random.Next(Goods.Length)],
            Price = price,
            Quantity = quantity,
            Measure = weighed ? MeasureUnit.Kilogram : MeasureUnit.Piece,
            Sum = sum,
            PaymentMethod = PaymentMethod.FullPayment,
            PaymentObject = PaymentObject.Commodity,
            Vat = new ItemVat { Type = vat, Sum = VatAmount(vat, sum) },
        };

        if (marked && !weighed && index % 4 == 1)
        {
            // A marked good: the full GS1 code (with a GS separator) goes Base64-encoded.
            string raw = "0104601234567893215" + random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture) + "\u001d93abcd";
            item = item with
            {
                PaymentObject = PaymentObject.MarkedCommodityWithCode,
                MarkProcessingMode = MarkProcessingMode.Zero,
                MarkCode = new MarkCode { Gs1m = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(raw)) },
                PlannedStatus = PlannedStatus.PieceSold,
            };
        }
        else if (agents && index % 5 == 3)
        {
            item = item with
            {
                AgentInfo = new AgentInfo { Type = AgentType.CommissionAgent },
                SupplierInfo = new SupplierInfo { Inn = "7707083893", Name = "ООО «Поставщик»", Phones = ["+74951234567"] },
            };
        }

        return item;
    }

    /// <summary>VAT inside <paramref name="sum"/> at the rate of <paramref name="vat"/>, rounded half away from zero (null for none).</summary>
    public static decimal? VatAmount(VatType vat, decimal sum)
    {
        // One home for VAT arithmetic: Core's AtolMoney (the samples keep sending no item VAT amount for "none").
        return vat == VatType.None ? null : Money.AtolMoney.VatAmount(vat, sum);
    }

    /// <summary>A v4 (FFD 1.05) sell receipt with <paramref name="itemCount"/> items for ATOL's public v4 test group.</summary>
    public static V4.ReceiptRequest V4Sell(int seed, int itemCount)
    {
        var random = new Random(seed);
        var items = new V4.Item[itemCount];
        decimal total = 0;
        for (int i = 0; i < itemCount; i++)
        {
            int quantity = random.Next(1, 4);
            decimal price = random.Next(1, 500_000) * 0.01m;
            var vat = random.Next(3) switch { 0 => V4.VatType.Vat22, 1 => V4.VatType.Vat10, _ => V4.VatType.None };
            items[i] = new V4.Item
            {
                Name = Goods[random.Next(Goods.Length)],
                Price = price,
                Quantity = quantity,
                Sum = price * quantity,
                MeasurementUnit = "шт",
                PaymentMethod = V4.PaymentMethod.FullPayment,
                PaymentObject = V4.PaymentObject.Commodity,
                Vat = new V4.ItemVat { Type = vat },
            };
            total += items[i].Sum;
        }

        return new V4.ReceiptRequest
        {
            ExternalId = "demo-v4-" + seed.ToString(CultureInfo.InvariantCulture),
            Timestamp = new DateTime(2026, 11, 28, 12, 0, 0),
            Receipt = new V4.Receipt
            {
                Client = new V4.Buyer { Email = "buyer@example.ru" },
                Company = new V4.Company { Email = "shop@example.ru", Sno = V4.TaxationSystem.Osn, Inn = AtolTestAccount.V4.Inn, PaymentAddress = AtolTestAccount.V4.PaymentAddress },
                Items = items,
                Payments = [new V4.Payment { Type = V4.PaymentType.Cashless, Sum = total }],
                Total = total,
            },
        };
    }

    /// <summary>A v4 sell correction (v4 corrections carry no items: payments and VAT amounts only).</summary>
    public static V4.CorrectionRequest V4SellCorrection(int seed)
    {
        decimal sum = new Random(seed).Next(100, 100_000) * 0.01m;
        return new V4.CorrectionRequest
        {
            ExternalId = "demo-v4-corr-" + seed.ToString(CultureInfo.InvariantCulture),
            Timestamp = new DateTime(2026, 11, 28, 12, 5, 0),
            Correction = new V4.Correction
            {
                Company = new V4.CorrectionCompany { Sno = V4.TaxationSystem.Osn, Inn = AtolTestAccount.V4.Inn, PaymentAddress = AtolTestAccount.V4.PaymentAddress },
                CorrectionInfo = new V4.CorrectionInfo { Type = V4.CorrectionType.Self, BaseDate = new DateOnly(2026, 11, 27), BaseNumber = "б/н" },
                Payments = [new V4.CorrectionPayment { Type = V4.PaymentType.Cash, Sum = sum }],
                Vats = [new V4.Vat { Type = V4.VatType.None, Sum = sum }],
            },
        };
    }
}
