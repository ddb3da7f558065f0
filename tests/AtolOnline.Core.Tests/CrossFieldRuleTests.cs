using System.Reflection;
using System.Text;
using AtolOnline.Emulator;
using AtolOnline.V5;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>One violation a case must produce: where, which rule, which FFD tag, how severe.</summary>
internal sealed record Expected(string Path, string Code, int? FfdTag, ValidationSeverity Severity)
{
    public override string ToString() => $"{Path} {Code} {FfdTag?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {Severity}";
}

/// <summary>A document that breaks one rule: it must produce <see cref="Target"/> and nothing but <see cref="Others"/>.</summary>
internal sealed record InvalidCase(Func<IReadOnlyList<ValidationError>> Run, Expected Target, Expected[] Others);

/// <summary>A document near a rule's boundary that must not get <see cref="Code"/> (nor anything outside <see cref="Allowed"/>).</summary>
internal sealed record ValidCase(string Code, Func<IReadOnlyList<ValidationError>> Run, string[] Allowed);

/// <summary>The assertions both rule test classes share.</summary>
internal static class RuleCaseAssert
{
    public static TheoryData<string> Names<T>(IReadOnlyDictionary<string, T> cases)
    {
        var data = new TheoryData<string>();
        foreach (string name in cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Exactly the target violation and the listed companions: no more, no fewer, no other path or tag.</summary>
    public static void Invalid(InvalidCase c)
    {
        var violations = c.Run();
        var actual = violations.Select(v => new Expected(v.Path, v.Code, v.FfdTag, v.Severity).ToString()).Order(StringComparer.Ordinal).ToArray();
        var expected = c.Others.Append(c.Target).Select(e => e.ToString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, actual);
        Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Message)));
    }

    public static void Valid(ValidCase c)
    {
        var violations = c.Run();
        Assert.DoesNotContain(violations, v => v.Code == c.Code);
        Assert.All(violations, v => Assert.Contains(v.Code, c.Allowed));
    }

    /// <summary>Every rule code of <see cref="CrossFieldRuleCodes"/>, read by reflection so that a new rule cannot be forgotten.</summary>
    public static IReadOnlySet<string> AllRuleCodes() =>
        typeof(CrossFieldRuleCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    public static void CoversEveryRule(IReadOnlySet<string> implemented, IEnumerable<InvalidCase> invalid, IEnumerable<ValidCase> valid)
    {
        Assert.Equal(implemented.Order(StringComparer.Ordinal), invalid.Select(c => c.Target.Code).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(implemented.Order(StringComparer.Ordinal), valid.Select(c => c.Code).Distinct().Order(StringComparer.Ordinal));
    }
}

/// <summary>
/// The hand-written v5 cross-field rules (src/AtolOnline.Core/Rules/V5, schemas/v5/NOTES.md §2): for every rule a
/// document that breaks it (the exact path, code, tag and severity, and nothing else) and a document just inside it.
/// </summary>
public sealed class CrossFieldRuleTests
{
    private const string Sell = "receipt";
    private const string Corr = "correction";
    private const ValidationSeverity E = ValidationSeverity.Error;
    private const ValidationSeverity W = ValidationSeverity.Warning;

    /// <summary>Codes that exist only for protocol v4.</summary>
    private static readonly string[] V4Only =
    [
        CrossFieldRuleCodes.PayingAgentRequisitesByType, CrossFieldRuleCodes.BankPayingAgentRequisitesByType, CrossFieldRuleCodes.TotalRoundingLimit,
        CrossFieldRuleCodes.ItemVatSumIgnoredWithReceiptVats, CrossFieldRuleCodes.Vat18ForbiddenInSellBuy, CrossFieldRuleCodes.Vat18Deprecated,
        CrossFieldRuleCodes.ExciseWithinItemSum, CrossFieldRuleCodes.CompanySnoForSeveralSystems,
    ];

    private static readonly string Gs1m = Convert.ToBase64String(Encoding.ASCII.GetBytes("0104601234567893215ABCDEF\u001d93abcd"));

    private static readonly Dictionary<string, InvalidCase> InvalidCases = BuildInvalid();
    private static readonly Dictionary<string, ValidCase> ValidCases = BuildValid();

    public static TheoryData<string> InvalidNames => RuleCaseAssert.Names(InvalidCases);

    public static TheoryData<string> ValidNames => RuleCaseAssert.Names(ValidCases);

    // ---- base documents -------------------------------------------------------------------------------------------

    /// <summary>items[0]: plain goods; items[1]: a marked good (gs1m); items[2]: a service sold by a commission agent.</summary>
    internal static ReceiptRequest BaseSell() => new()
    {
        ExternalId = "rules-sell-1",
        Timestamp = new DateTime(2026, 11, 28, 12, 0, 0),
        Receipt = new Receipt
        {
            Client = new Buyer { Email = "buyer@example.ru" },
            Company = SampleDocuments.TestCompany,
            Items = [Coffee(), Sneakers(), Delivery()],
            Payments = [new Payment { Type = PaymentType.Cashless, Sum = 7790.00m }],
            Total = 7790.00m,
            Cashier = "Иванова А. П.",
        },
    };

    internal static CorrectionRequest BaseCorrection() => new()
    {
        ExternalId = "rules-corr-1",
        Timestamp = new DateTime(2026, 11, 28, 12, 5, 0),
        Correction = new Correction
        {
            CorrectionInfo = new CorrectionInfo { Type = CorrectionType.Self, BaseDate = new DateOnly(2026, 11, 27) },
            Company = SampleDocuments.TestCompany,
            Items = [Coffee(), Delivery()],
            Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2800.00m }],
            Total = 2800.00m,
        },
    };

    private static Item Coffee() => new()
    {
        Name = "Кофе в зёрнах 1 кг",
        Price = 1250.00m,
        Quantity = 2,
        Measure = MeasureUnit.Piece,
        Sum = 2500.00m,
        PaymentMethod = PaymentMethod.FullPayment,
        PaymentObject = PaymentObject.Commodity,
        Vat = new ItemVat { Type = VatType.Vat22, Sum = 450.82m },
    };

    private static Item Sneakers() => new()
    {
        Name = "Кроссовки беговые, размер 42",
        Price = 4990.00m,
        Quantity = 1,
        Measure = MeasureUnit.Piece,
        Sum = 4990.00m,
        PaymentMethod = PaymentMethod.FullPayment,
        PaymentObject = PaymentObject.MarkedCommodityWithCode,
        Vat = new ItemVat { Type = VatType.Vat22, Sum = 899.84m },
        MarkProcessingMode = MarkProcessingMode.Zero,
        MarkCode = new MarkCode { Gs1m = Gs1m },
        PlannedStatus = PlannedStatus.PieceSold,
    };

    private static Item Delivery() => new()
    {
        Name = "Доставка курьером",
        Price = 300.00m,
        Quantity = 1,
        Measure = MeasureUnit.Piece,
        Sum = 300.00m,
        PaymentMethod = PaymentMethod.FullPayment,
        PaymentObject = PaymentObject.Service,
        Vat = new ItemVat { Type = VatType.Vat22, Sum = 54.10m },
        AgentInfo = new AgentInfo { Type = AgentType.CommissionAgent },
        SupplierInfo = new SupplierInfo { Inn = "7707083893", Name = "ООО «Курьер»", Phones = ["+74951234567"] },
    };

    // ---- mutation helpers -----------------------------------------------------------------------------------------

    private static Func<IReadOnlyList<ValidationError>> Run(ReceiptRequest doc) => () => doc.Validate().Violations;

    private static Func<IReadOnlyList<ValidationError>> Run(CorrectionRequest doc) => () => doc.Validate().Violations;

    // A date missing from the calendar cannot be a DateTime or DateOnly: it can only arrive as JSON, where the reader
    // reports it at its path. These cases write the document, swap one date's text, and read and validate the JSON.
    private static Func<IReadOnlyList<ValidationError>> RunJson(ReceiptRequest doc, string text, string replacement) =>
        () => AtolJson.Validate<ReceiptRequest>(Swap(AtolJson.ToJsonString(doc), text, replacement), out _).Violations;

    private static Func<IReadOnlyList<ValidationError>> RunJson(CorrectionRequest doc, string text, string replacement) =>
        () => AtolJson.Validate<CorrectionRequest>(Swap(AtolJson.ToJsonString(doc), text, replacement), out _).Violations;

    private static byte[] Swap(string json, string text, string replacement)
    {
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, System.Text.RegularExpressions.Regex.Escape("\"" + text + "\"")));
        return System.Text.Encoding.UTF8.GetBytes(json.Replace("\"" + text + "\"", "\"" + replacement + "\"", StringComparison.Ordinal));
    }

    private static ReceiptRequest Receipt(Func<Receipt, Receipt> change)
    {
        var doc = BaseSell();
        return doc with { Receipt = change(doc.Receipt) };
    }

    private static CorrectionRequest Correction(Func<Correction, Correction> change)
    {
        var doc = BaseCorrection();
        return doc with { Correction = change(doc.Correction) };
    }

    /// <summary>Changes items[<paramref name="index"/>] and keeps the document balanced (total = Σ sums = the payment).</summary>
    private static ReceiptRequest Item(int index, Func<Item, Item> change) => Receipt(r => Balanced(r with { Items = Replace(r.Items, index, change) }));

    private static Item[] Replace(IReadOnlyList<Item> items, int index, Func<Item, Item> change) =>
        items.Select((item, i) => i == index ? change(item) : item).ToArray();

    private static Receipt Balanced(Receipt r)
    {
        decimal total = r.Items.Sum(i => i.Sum);
        return r with { Total = total, Payments = [new Payment { Type = PaymentType.Cashless, Sum = total }] };
    }

    private static ReceiptRequest AllItems(Func<Item, Item> change) => Receipt(r => r with { Items = r.Items.Select(change).ToArray() });

    private static Item[] MarkedWater(int count) => Enumerable.Range(0, count).Select(_ => new Item
    {
        Name = "Вода минеральная 0,5 л",
        Price = 1.00m,
        Quantity = 1,
        Measure = MeasureUnit.Piece,
        Sum = 1.00m,
        PaymentMethod = PaymentMethod.FullPayment,
        PaymentObject = PaymentObject.MarkedCommodityWithCode,
        Vat = new ItemVat { Type = VatType.Vat22, Sum = 0.18m },
        MarkProcessingMode = MarkProcessingMode.Zero,
        MarkCode = new MarkCode { Ean13 = "4601234567893" },
    }).ToArray();

    private static SectoralProps Sectoral(string value, DateOnly? date = null) =>
        new() { FederalId = FederalId.IndustryAndTradeMinistry, Date = date ?? new DateOnly(2025, 11, 21), Number = "1944", Value = value };

    private static Expected At(string path, string code, int? tag, ValidationSeverity severity) => new(path, code, tag, severity);

    // ---- the cases ------------------------------------------------------------------------------------------------

    private static Dictionary<string, InvalidCase> BuildInvalid()
    {
        var cases = new Dictionary<string, InvalidCase>(StringComparer.Ordinal);
        void Add(string name, Func<IReadOnlyList<ValidationError>> run, Expected target, params Expected[] others) =>
            cases.Add(target.Code + ": " + name, new InvalidCase(run, target, others));

        const string R = CrossFieldRuleCodes.ClientContactRequired;
        Add("receipt client with name and INN but no contact", Run(Receipt(r => r with { Client = new Buyer { Name = "Петров Пётр Петрович", Inn = "500100732259" } })),
            At("receipt.client", R, 1008, E));

        const string None = CrossFieldRuleCodes.ContactNoneDiscouraged;
        Add("client email none", Run(Receipt(r => r with { Client = new Buyer { Email = "none" } })), At("receipt.client.email", None, 1008, W));
        Add("client phone none", Run(Receipt(r => r with { Client = new Buyer { Phone = "none" } })), At("receipt.client.phone", None, 1008, W));
        Add("company email none", Run(Receipt(r => r with { Company = r.Company with { Email = "none" } })), At("receipt.company.email", None, 1117, W));
        Add("correction client email none", Run(Correction(c => c with { Client = new Buyer { Email = "none" } })), At("correction.client.email", None, 1008, W));

        const string Buyer = CrossFieldRuleCodes.BuyerIdentityComplete;
        Add("name without INN or document", Run(Receipt(r => r with { Client = r.Client with { Name = "Петров Пётр Петрович" } })), At("receipt.client", Buyer, 1256, W));
        Add("address alone", Run(Receipt(r => r with { Client = r.Client with { Address = "г. Москва, ул. Тверская, д. 1" } })), At("receipt.client", Buyer, 1256, W));
        Add("document code without document data", Run(Receipt(r => r with { Client = r.Client with { Name = "Петров Пётр Петрович", DocumentCode = DocumentCode.RussianPassport } })),
            At("receipt.client", Buyer, 1256, W));
        Add("INN without name in a correction", Run(Correction(c => c with { Client = new Buyer { Inn = "500100732259" } })), At("correction.client", Buyer, 1256, W));

        const string Supplier = CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents;
        Add("paying agent, supplier without name", Run(Item(2, i => i with { AgentInfo = new AgentInfo { Type = AgentType.PayingAgent }, SupplierInfo = i.SupplierInfo! with { Name = null } })),
            At("receipt.items[2].supplier_info", Supplier, 1225, E));
        Add("bank paying subagent, supplier without phones", Run(Item(2, i => i with { AgentInfo = new AgentInfo { Type = AgentType.BankPayingSubagent }, SupplierInfo = i.SupplierInfo! with { Phones = null } })),
            At("receipt.items[2].supplier_info", Supplier, 1225, E));

        const string ItemSum = CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity;
        Add("a kopeck too much on items[1]", Run(Item(1, i => i with { Sum = 4990.01m })), At("receipt.items[1].sum", ItemSum, 1043, E));
        Add("v5 has no rounding tolerance (0.99 × 1.005 = 0.99495, sum 0.99)", Run(Item(0, i => i with { Price = 0.99m, Quantity = 1.005m, Sum = 0.99m })),
            At("receipt.items[0].sum", ItemSum, 1043, E));
        Add("in a correction", Run(Correction(c => c with { Items = Replace(c.Items, 1, i => i with { Sum = 299.99m }), Total = 2799.99m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2799.99m }] })),
            At("correction.items[1].sum", ItemSum, 1043, E));

        // 14 316 557.66 × 3 = 42 949 672.98, 3 kopecks above the limit; the sum itself then breaks the schema maximum too.
        Add("price × quantity 3 kopecks above the limit", Run(Item(0, i => i with { Price = 14_316_557.66m, Quantity = 3, Sum = 42_949_672.98m })),
            At("receipt.items[0].sum", CrossFieldRuleCodes.ItemAmountWithinLimit, 1043, E), At("receipt.items[0].sum", ValidationCodes.Maximum, 1043, E));

        const string Total = CrossFieldRuleCodes.TotalEqualsItemsSum;
        Add("total a kopeck above the items", Run(Receipt(r => r with { Total = 7790.01m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 7790.01m }] })),
            At("receipt.total", Total, 1020, E));
        Add("correction total a kopeck below the items", Run(Correction(c => c with { Total = 2799.99m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2799.99m }] })),
            At("correction.total", Total, 1020, E));

        const string Paid = CrossFieldRuleCodes.PaymentsEqualTotal;
        Add("underpaid by a kopeck", Run(Receipt(r => r with { Payments = [new Payment { Type = PaymentType.Cashless, Sum = 7789.99m }] })), At("receipt.payments", Paid, null, E));
        Add("overpaid by a kopeck", Run(Receipt(r => r with { Payments = [new Payment { Type = PaymentType.Cash, Sum = 7790.00m }, new Payment { Type = PaymentType.Cashless, Sum = 0.01m }] })),
            At("receipt.payments", Paid, null, E));

        Add("details a kopeck above the total", Run(Receipt(r => r with { CashlessPayments = [new CashlessPayment { Sum = 7790.01m, Method = 1, Id = "00123" }] })),
            At("receipt.cashless_payments", CrossFieldRuleCodes.CashlessPaymentsNotAboveTotal, 1235, E));

        Add("details above the cashless payment but within the total", Run(Receipt(r => r with
        {
            Payments = [new Payment { Type = PaymentType.Cash, Sum = 1000.00m }, new Payment { Type = PaymentType.Cashless, Sum = 6790.00m }],
            CashlessPayments = [new CashlessPayment { Sum = 7790.00m, Method = 1, Id = "00123" }],
        })), At("receipt.cashless_payments", CrossFieldRuleCodes.CashlessPaymentsMatchCashless, 1235, W));
        Add("details below the cashless payment", Run(Receipt(r => r with { CashlessPayments = [new CashlessPayment { Sum = 7000.00m, Method = 1, Id = "00123" }] })),
            At("receipt.cashless_payments", CrossFieldRuleCodes.CashlessPaymentsMatchCashless, 1235, W));

        Add("vat22 twice", Run(Receipt(r => r with { Vats = [new Vat { Type = VatType.Vat22, Sum = 1000.00m }, new Vat { Type = VatType.Vat22, Sum = 404.76m }] })),
            At("receipt.vats[1].type", CrossFieldRuleCodes.VatsNoDuplicateRates, 1199, E));
        Add("none twice in a correction", Run(Correction(c => c with
        {
            Items = c.Items.Select(i => i with { Vat = new ItemVat { Type = VatType.None } }).ToArray(),
            Vats = [new Vat { Type = VatType.None, Sum = 2000.00m }, new Vat { Type = VatType.None, Sum = 800.00m }],
        })), At("correction.vats[1].type", CrossFieldRuleCodes.VatsNoDuplicateRates, 1199, E));

        const string Family = CrossFieldRuleCodes.VatsSingleFamily;
        Add("vat20 item among vat22 items", Run(Item(0, i => i with { Vat = new ItemVat { Type = VatType.Vat20, Sum = 416.67m } })), At("receipt.items", Family, 1199, E));
        Add("vat120 in vats against vat22 items", Run(Receipt(r => r with { Vats = [new Vat { Type = VatType.Vat22, Sum = 1404.76m }, new Vat { Type = VatType.Vat120, Sum = 0.00m }] })),
            At("receipt.items", Family, 1199, E), At("receipt.vats", CrossFieldRuleCodes.ReceiptVatsMatchItemRates, 1199, W));

        const string VatSum = CrossFieldRuleCodes.VatSumPerItemOrReceipt;
        Add("no item VAT amount and no vats", Run(AllItems(i => i with { Vat = i.Vat with { Sum = null } })), At("receipt.vats", VatSum, 1199, W));
        // NOTES §2 states the rule for every rate: ATOL's own correction example sends vats [{none, 11.0}].
        Add("no amounts even though every rate is none", Run(AllItems(i => i with { Vat = new ItemVat { Type = VatType.None } })), At("receipt.vats", VatSum, 1199, W));

        const string Match = CrossFieldRuleCodes.ReceiptVatsMatchItemRates;
        Add("vats name a rate no item has", Run(Receipt(r => r with { Vats = [new Vat { Type = VatType.Vat10, Sum = 1404.76m }] })), At("receipt.vats", Match, 1199, W));
        Add("vats miss a rate an item has", Run(Receipt(r => Balanced(r with
        {
            Items = Replace(r.Items, 0, i => i with { Vat = new ItemVat { Type = VatType.Vat10, Sum = 227.27m } }),
            Vats = [new Vat { Type = VatType.Vat22, Sum = 953.94m }],
        }))), At("receipt.vats", Match, 1199, W));

        const string MarkQty = CrossFieldRuleCodes.MarkQuantityOnlyForPieceMarkedGoods;
        Add("on an unmarked good", Run(Item(0, i => i with { MarkQuantity = new MarkQuantity { Numerator = 1, Denominator = 2 } })), At("receipt.items[0].mark_quantity", MarkQty, 1291, E));
        Add("on a marked good sold by weight", Run(Item(1, i => i with { Measure = MeasureUnit.Kilogram, MarkQuantity = new MarkQuantity { Numerator = 1, Denominator = 2 } })),
            At("receipt.items[1].mark_quantity", MarkQty, 1291, E));

        const string Fraction = CrossFieldRuleCodes.MarkQuantityProperFraction;
        Add("2/2", Run(Item(1, i => i with { MarkQuantity = new MarkQuantity { Numerator = 2, Denominator = 2 } })), At("receipt.items[1].mark_quantity.numerator", Fraction, 1293, E));
        Add("3/2", Run(Item(1, i => i with { MarkQuantity = new MarkQuantity { Numerator = 3, Denominator = 2 } })), At("receipt.items[1].mark_quantity.numerator", Fraction, 1293, E));

        // A mode without a code on a 31/33 item also lacks the code that payment object needs; on other items the
        // mode contradicts the payment object (MarkCodeMatchesPaymentObject, NOTES §2).
        Add("mode without code on a marked good", Run(Item(1, i => i with { MarkCode = null })),
            At("receipt.items[1].mark_code", CrossFieldRuleCodes.MarkProcessingModeRequiresMarkCode, 1163, E), At("receipt.items[1].mark_code", CrossFieldRuleCodes.MarkedPaymentObjectRequiresMarkCode, 1163, E));
        Add("mode without code on plain goods", Run(Item(0, i => i with { MarkProcessingMode = MarkProcessingMode.Zero })),
            At("receipt.items[0].mark_code", CrossFieldRuleCodes.MarkProcessingModeRequiresMarkCode, 1163, E), At("receipt.items[0].payment_object", CrossFieldRuleCodes.MarkCodeMatchesPaymentObject, 1212, W));

        const string Marked = CrossFieldRuleCodes.MarkedPaymentObjectRequiresMarkCode;
        Add("payment object 33 without anything", Run(Item(0, i => i with { PaymentObject = PaymentObject.MarkedCommodityWithCode })), At("receipt.items[0].mark_code", Marked, 1163, E));
        Add("payment object 33 without the mode", Run(Item(1, i => i with { MarkProcessingMode = null })), At("receipt.items[1].mark_processing_mode", Marked, 2102, E));

        const string Consistent = CrossFieldRuleCodes.MarkCodeMatchesPaymentObject;
        Add("code on payment object 32 (marked without code)", Run(Item(1, i => i with { PaymentObject = PaymentObject.MarkedCommodityWithoutCode })),
            At("receipt.items[1].payment_object", Consistent, 1212, W));
        Add("gs10 (not subject to marking) on payment object 33", Run(Item(1, i => i with { MarkCode = new MarkCode { Gs10 = "04601234567893" }, PlannedStatus = null })),
            At("receipt.items[1].payment_object", Consistent, 1212, W));
        Add("code and mode on plain goods", Run(Item(0, i => i with { MarkCode = new MarkCode { Ean13 = "4601234567893" }, MarkProcessingMode = MarkProcessingMode.Zero })),
            At("receipt.items[0].payment_object", Consistent, 1212, W));

        const string Planned = CrossFieldRuleCodes.PlannedStatusForGs1mAndShort;
        Add("gs1m without planned status", Run(Item(1, i => i with { PlannedStatus = null })), At("receipt.items[1].planned_status", Planned, 2003, W));
        Add("short without planned status", Run(Item(1, i => i with { MarkCode = new MarkCode { Short = "0104601234567893215ABCDEF" }, PlannedStatus = null })),
            At("receipt.items[1].planned_status", Planned, 2003, W));

        const string Wholesale = CrossFieldRuleCodes.WholesaleRequiresCrptMrk;
        Add("marked good without crpt=mrk", Run(Item(1, i => i with { Wholesale = true, Quantity = 2, Sum = 9980.00m, SectoralItemProps = [Sectoral("mode=wholesale")] })),
            At("receipt.items[1].sectoral_item_props", Wholesale, 1265, E));
        Add("crpt=mrk without a mark code", Run(Item(0, i => i with { Wholesale = true, SectoralItemProps = [Sectoral("crpt=mrk")] })),
            At("receipt.items[0].sectoral_item_props", Wholesale, 1265, E));

        Add("wholesale of exactly one", Run(Item(1, i => i with { Wholesale = true, SectoralItemProps = [Sectoral("crpt=mrk")] })),
            At("receipt.items[1].quantity", CrossFieldRuleCodes.WholesaleQuantityAboveOne, 1023, W));

        // 129 marked items: the items count (at most 100) fails the schema as well; the rule still counts the codes.
        Add("129 marked items", Run(Receipt(r => Balanced(r with { Items = MarkedWater(129) }))),
            At("receipt.items", CrossFieldRuleCodes.MarkCodesPerDocumentLimit, 1163, E), At("receipt.items", ValidationCodes.MaxItems, null, E));

        const string Excise = CrossFieldRuleCodes.ExciseAmountForExciseGoods;
        Add("excise goods without excise", Run(Item(0, i => i with { PaymentObject = PaymentObject.Excise })), At("receipt.items[0].excise", Excise, 1229, W));
        Add("marked excise goods with code without excise", Run(Item(1, i => i with { PaymentObject = PaymentObject.MarkedExciseWithCode })), At("receipt.items[1].excise", Excise, 1229, W));
        Add("marked excise goods without code without excise", Run(Item(0, i => i with { PaymentObject = PaymentObject.MarkedExciseWithoutCode })), At("receipt.items[0].excise", Excise, 1229, W));

        const string Date = CrossFieldRuleCodes.CalendarDateValid;
        Add("timestamp 29.02 of a common year", RunJson(BaseSell() with { Timestamp = new DateTime(2026, 2, 28, 12, 0, 0) }, "28.02.2026 12:00:00", "29.02.2026 12:00:00"), At("timestamp", Date, null, E));
        Add("correction timestamp 31.11", RunJson(BaseCorrection() with { Timestamp = new DateTime(2026, 11, 30, 12, 5, 0) }, "30.11.2026 12:05:00", "31.11.2026 12:05:00"), At("timestamp", Date, null, E));
        Add("birthdate 31.04", Run(Receipt(r => r with { Client = r.Client with { Name = "Петров Пётр Петрович", Inn = "500100732259", Birthdate = "31.04.1990" } })),
            At("receipt.client.birthdate", Date, 1243, E));
        Add("operating check timestamp 31.06", RunJson(Receipt(r => r with { OperatingCheckProps = new OperatingCheckProps { Name = OperatingCheckPropsName.Zero, Value = "оплата", Timestamp = new DateTime(2026, 6, 30, 10, 0, 0) } }), "30.06.2026 10:00:00", "31.06.2026 10:00:00"),
            At("receipt.operating_check_props.timestamp", Date, 1273, E));
        Add("sectoral item date 30.02", RunJson(Item(0, i => i with { SectoralItemProps = [Sectoral("tm=mdlp", new DateOnly(2026, 2, 28))] }), "28.02.2026", "30.02.2026"), At("receipt.items[0].sectoral_item_props[0].date", Date, 1263, E));
        Add("sectoral check date 29.02.1900 (not a leap year)", RunJson(Receipt(r => r with { SectoralCheckProps = [Sectoral("id1=val1", new DateOnly(2025, 1, 1)), Sectoral("id2=val2", new DateOnly(1900, 2, 28))] }), "28.02.1900", "29.02.1900"),
            At("receipt.sectoral_check_props[1].date", Date, 1263, E));
        Add("correction base date 29.02.2026", RunJson(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2026, 2, 28) } }), "28.02.2026", "29.02.2026"),
            At("correction.correction_info.base_date", Date, 1178, E));

        const string Extended = CrossFieldRuleCodes.ExtendedPaymentTypeConfigured;
        Add("payment type 5", Run(Receipt(r => r with { Payments = [new Payment { Type = PaymentType.Extended5, Sum = 7790.00m }] })), At("receipt.payments[0].type", Extended, null, W));
        Add("payment type 9 second in a correction", Run(Correction(c => c with { Payments = [new Payment { Type = PaymentType.Cash, Sum = 800.00m }, new Payment { Type = PaymentType.Extended9, Sum = 2000.00m }] })),
            At("correction.payments[1].type", Extended, null, W));

        Add("instruction without base number", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { Type = CorrectionType.Instruction } })),
            At("correction.correction_info.base_number", CrossFieldRuleCodes.CorrectionBaseNumberForInstruction, 1179, E));

        const string BaseDate = CrossFieldRuleCodes.CorrectionBaseDateNotAfterDocument;
        Add("base date a day after the document", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2026, 11, 29) } })),
            At("correction.correction_info.base_date", BaseDate, 1178, W));
        Add("base date in the next year", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2027, 1, 1) } })),
            At("correction.correction_info.base_date", BaseDate, 1178, W));

        const string Internet = CrossFieldRuleCodes.CorrectionInternetContact;
        Add("internet correction without client", Run(Correction(c => c with { Internet = true })), At("correction.client", Internet, 1008, W));
        Add("internet correction with a client without contact", Run(Correction(c => c with { Internet = true, Client = new Buyer { Name = "Петров Пётр Петрович", Inn = "500100732259" } })),
            At("correction.client", Internet, 1008, W));

        return cases;
    }

    private static Dictionary<string, ValidCase> BuildValid()
    {
        var cases = new Dictionary<string, ValidCase>(StringComparer.Ordinal);
        void Add(string code, string name, Func<IReadOnlyList<ValidationError>> run, params string[] allowed) =>
            cases.Add(code + ": " + name, new ValidCase(code, run, allowed));

        Add(CrossFieldRuleCodes.ClientContactRequired, "phone only", Run(Receipt(r => r with { Client = new Buyer { Phone = "+79001234567" } })));
        Add(CrossFieldRuleCodes.ClientContactRequired, "correction client without contact (no such rule for corrections)",
            Run(Correction(c => c with { Client = new Buyer { Name = "Петров Пётр Петрович", Inn = "500100732259" } })));

        Add(CrossFieldRuleCodes.ContactNoneDiscouraged, "an address that starts with none", Run(Receipt(r => r with { Client = new Buyer { Email = "none@example.ru", Phone = "+79001234567" } })));

        Add(CrossFieldRuleCodes.BuyerIdentityComplete, "name and INN", Run(Receipt(r => r with { Client = r.Client with { Name = "Петров Пётр Петрович", Inn = "500100732259" } })));
        Add(CrossFieldRuleCodes.BuyerIdentityComplete, "name and identity document, with birthdate and citizenship", Run(Receipt(r => r with
        {
            Client = r.Client with
            {
                Name = "Петров Пётр Петрович", Birthdate = "29.02.2000", Citizenship = "643", DocumentCode = DocumentCode.RussianPassport, DocumentData = "4509 123456",
            },
        })));

        Add(CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, "paying subagent with supplier name and phone",
            Run(Item(2, i => i with { AgentInfo = new AgentInfo { Type = AgentType.PayingSubagent } })));
        Add(CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, "attorney with a bare supplier (INN only)",
            Run(Item(2, i => i with { AgentInfo = new AgentInfo { Type = AgentType.Attorney }, SupplierInfo = new SupplierInfo { Inn = "7707083893" } })));

        Add(CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity, "33.33 × 3 = 99.99", Run(Item(0, i => i with { Price = 33.33m, Quantity = 3, Sum = 99.99m })));
        Add(CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity, "10.00 × 1.005 = 10.05 exactly", Run(Item(0, i => i with { Price = 10.00m, Quantity = 1.005m, Sum = 10.05m })));

        // 14 316 557.65 × 3 = 42 949 672.95, the limit itself.
        Add(CrossFieldRuleCodes.ItemAmountWithinLimit, "price × quantity exactly at the limit", Run(Item(0, i => i with { Price = 14_316_557.65m, Quantity = 3, Sum = 42_949_672.95m })));

        Add(CrossFieldRuleCodes.TotalEqualsItemsSum, "total equal to the items after a change", Run(Item(1, i => i with { Quantity = 3, Sum = 14_970.00m })));
        Add(CrossFieldRuleCodes.PaymentsEqualTotal, "split payment adding up", Run(Receipt(r => r with
        {
            Payments = [new Payment { Type = PaymentType.Cash, Sum = 1000.00m }, new Payment { Type = PaymentType.Prepayment, Sum = 0.01m }, new Payment { Type = PaymentType.Cashless, Sum = 6789.99m }],
        })));

        Add(CrossFieldRuleCodes.CashlessPaymentsNotAboveTotal, "details equal to the total", Run(Receipt(r => r with
        {
            CashlessPayments = [new CashlessPayment { Sum = 7000.00m, Method = 1, Id = "00123" }, new CashlessPayment { Sum = 790.00m, Method = 2, Id = "00124" }],
        })));
        Add(CrossFieldRuleCodes.CashlessPaymentsMatchCashless, "details equal to the cashless part of a split payment", Run(Receipt(r => r with
        {
            Payments = [new Payment { Type = PaymentType.Cash, Sum = 1000.00m }, new Payment { Type = PaymentType.Cashless, Sum = 6790.00m }],
            CashlessPayments = [new CashlessPayment { Sum = 6790.00m, Method = 1, Id = "00123" }],
        })));

        Add(CrossFieldRuleCodes.VatsNoDuplicateRates, "one amount per rate", Run(Receipt(r => r with { Vats = [new Vat { Type = VatType.Vat22, Sum = 1404.76m }] })));
        Add(CrossFieldRuleCodes.VatsSingleFamily, "vat122 with vat22 (one family)", Run(Item(0, i => i with { Vat = new ItemVat { Type = VatType.Vat122, Sum = 450.82m } })));
        Add(CrossFieldRuleCodes.VatsSingleFamily, "vat10 and vat0 with vat22", Run(Receipt(r => r with
        {
            Items = Replace(Replace(r.Items, 0, i => i with { Vat = new ItemVat { Type = VatType.Vat10, Sum = 227.27m } }), 2, i => i with { Vat = new ItemVat { Type = VatType.Vat0, Sum = 0.00m } }),
        })));

        Add(CrossFieldRuleCodes.VatSumPerItemOrReceipt, "one item amount is enough", Run(Receipt(r => r with { Items = Replace(r.Items.Select(i => i with { Vat = i.Vat with { Sum = null } }).ToArray(), 0, RestoreCoffee) })));
        Add(CrossFieldRuleCodes.VatSumPerItemOrReceipt, "receipt amounts instead of item amounts", Run(Receipt(r => r with
        {
            Items = r.Items.Select(i => i with { Vat = i.Vat with { Sum = null } }).ToArray(),
            Vats = [new Vat { Type = VatType.Vat22, Sum = 1404.76m }],
        })));
        Add(CrossFieldRuleCodes.ReceiptVatsMatchItemRates, "vats name exactly the item rates", Run(Receipt(r => Balanced(r with
        {
            Items = Replace(r.Items, 0, i => i with { Vat = new ItemVat { Type = VatType.Vat10, Sum = 227.27m } }),
            Vats = [new Vat { Type = VatType.Vat22, Sum = 953.94m }, new Vat { Type = VatType.Vat10, Sum = 227.27m }],
        }))));

        Add(CrossFieldRuleCodes.MarkQuantityOnlyForPieceMarkedGoods, "half of a marked piece", Run(Item(1, i => i with { MarkQuantity = new MarkQuantity { Numerator = 1, Denominator = 2 } })));
        Add(CrossFieldRuleCodes.MarkQuantityProperFraction, "9/10", Run(Item(1, i => i with { MarkQuantity = new MarkQuantity { Numerator = 9, Denominator = 10 } })));
        Add(CrossFieldRuleCodes.MarkProcessingModeRequiresMarkCode, "mode with code", Run(BaseSell()));
        Add(CrossFieldRuleCodes.MarkedPaymentObjectRequiresMarkCode, "payment object 32 needs no code", Run(Item(0, i => i with { PaymentObject = PaymentObject.MarkedCommodityWithoutCode })));
        Add(CrossFieldRuleCodes.MarkCodeMatchesPaymentObject, "ean13 on payment object 33", Run(Item(1, i => i with { MarkCode = new MarkCode { Ean13 = "4601234567893" } })));
        Add(CrossFieldRuleCodes.MarkCodeMatchesPaymentObject, "gs10 without mode on plain goods", Run(Item(0, i => i with { MarkCode = new MarkCode { Gs10 = "04601234567893" } })));
        Add(CrossFieldRuleCodes.PlannedStatusForGs1mAndShort, "ean13 needs no planned status", Run(Item(1, i => i with { MarkCode = new MarkCode { Ean13 = "4601234567893" }, PlannedStatus = null })));
        Add(CrossFieldRuleCodes.WholesaleRequiresCrptMrk, "marked good with crpt=mrk among other values", Run(Item(1, i => i with
        {
            Wholesale = true, Quantity = 2, Sum = 9980.00m, PlannedStatus = PlannedStatus.MeasuredSold, SectoralItemProps = [Sectoral("tm=mdlp"), Sectoral("mode=wholesale&crpt=mrk")],
        })));
        Add(CrossFieldRuleCodes.WholesaleQuantityAboveOne, "1.001 pieces", Run(Item(1, i => i with { Wholesale = true, Quantity = 1.001m, Sum = 4994.99m, SectoralItemProps = [Sectoral("crpt=mrk")] })));
        // 128 codes is the limit itself (one past it, 129, is an invalid case); 128 items also exceed the items count.
        Add(CrossFieldRuleCodes.MarkCodesPerDocumentLimit, "128 marked items", Run(Receipt(r => Balanced(r with { Items = MarkedWater(128) }))), ValidationCodes.MaxItems);
        Add(CrossFieldRuleCodes.ExciseAmountForExciseGoods, "excise goods with excise", Run(Item(0, i => i with { PaymentObject = PaymentObject.Excise, Excise = 150.00m })));
        Add(CrossFieldRuleCodes.CalendarDateValid, "29.02 of leap years, 31.12", Run(Receipt(r => r with
        {
            Client = r.Client with { Name = "Петров Пётр Петрович", Inn = "500100732259", Birthdate = "29.02.2000" },
            OperatingCheckProps = new OperatingCheckProps { Name = OperatingCheckPropsName.Zero, Value = "оплата", Timestamp = new DateTime(2026, 12, 31, 23, 59, 59) },
            SectoralCheckProps = [Sectoral("id1=val1", new DateOnly(2024, 2, 29))],
        }) with { Timestamp = new DateTime(2028, 2, 29, 0, 0, 0) }));
        Add(CrossFieldRuleCodes.CalendarDateValid, "correction base date 29.02.2024", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2024, 2, 29) } })));
        Add(CrossFieldRuleCodes.ExtendedPaymentTypeConfigured, "payment type 4 (other)", Run(Receipt(r => r with { Payments = [new Payment { Type = PaymentType.Other, Sum = 7790.00m }] })));
        Add(CrossFieldRuleCodes.CorrectionBaseNumberForInstruction, "instruction with base number", Run(Correction(c => c with
        {
            CorrectionInfo = c.CorrectionInfo with { Type = CorrectionType.Instruction, BaseNumber = "ПР-17" },
        })));
        Add(CrossFieldRuleCodes.CorrectionBaseDateNotAfterDocument, "base date the same day", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2026, 11, 28) } })));
        Add(CrossFieldRuleCodes.CorrectionBaseDateNotAfterDocument, "base date 31.12 before a document of 01.01",
            Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2026, 12, 31) } }) with { Timestamp = new DateTime(2027, 1, 1, 0, 0, 0) }));
        Add(CrossFieldRuleCodes.CorrectionInternetContact, "internet correction with a phone", Run(Correction(c => c with { Internet = true, Client = new Buyer { Phone = "+79001234567" } })));
        Add(CrossFieldRuleCodes.CorrectionInternetContact, "no internet flag, no client", Run(Correction(c => c with { Internet = false })));

        return cases;

        static Item RestoreCoffee(Item _) => Coffee();
    }

    // ---- the tests ------------------------------------------------------------------------------------------------

    [Fact]
    public void Base_documents_have_no_violations_at_all()
    {
        Assert.Empty(BaseSell().Validate().Violations);
        Assert.Empty(BaseCorrection().Validate().Violations);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 12)]
    [InlineData(3, 40)]
    [InlineData(4, 100)]
    public void Sample_documents_have_no_violations_at_all(int seed, int items)
    {
        var sell = SampleDocuments.Sell(seed, items);
        Assert.Empty(sell.Validate().Violations);
        Assert.Empty(SampleDocuments.SellCorrection(seed, items).Validate().Violations);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_case_gets_exactly_its_rule(string name) => RuleCaseAssert.Invalid(InvalidCases[name]);

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_case_near_the_boundary_does_not_get_the_rule(string name) => RuleCaseAssert.Valid(ValidCases[name]);

    [Fact]
    public void Every_v5_rule_has_an_invalid_and_a_valid_case()
    {
        var implemented = RuleCaseAssert.AllRuleCodes().Except(V4Only).ToHashSet(StringComparer.Ordinal);
        RuleCaseAssert.CoversEveryRule(implemented, InvalidCases.Values, ValidCases.Values);
    }

    [Fact]
    public void Independent_violations_are_all_reported_at_once()
    {
        var doc = Receipt(r => r with
        {
            Client = new Buyer { Name = "Петров Пётр Петрович" },
            Items = Replace(r.Items, 1, i => i with { Sum = 4990.01m }),
        });
        var result = doc.Validate();
        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "receipt.client " + CrossFieldRuleCodes.BuyerIdentityComplete,
                "receipt.client " + CrossFieldRuleCodes.ClientContactRequired,
                "receipt.items[1].sum " + CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity,
                "receipt.total " + CrossFieldRuleCodes.TotalEqualsItemsSum,
            ],
            result.Violations.Select(v => v.Path + " " + v.Code).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(3, result.ErrorCount);
    }

    [Fact]
    public void Warnings_alone_leave_the_document_valid()
    {
        var result = Item(0, i => i with { PaymentObject = PaymentObject.Excise }).Validate();
        Assert.True(result.IsValid);
        Assert.Equal(0, result.ErrorCount);
        Assert.Single(result.Violations);
    }
}
