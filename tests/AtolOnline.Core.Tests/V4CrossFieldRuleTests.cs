using AtolOnline.V4;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// The hand-written v4 cross-field rules (src/AtolOnline.Core/Rules/V4, schemas/v4/NOTES.md (b)): for every rule a
/// document that breaks it (the exact path, code, tag and severity, and nothing else) and a document just inside it.
/// Receipts are validated for the operation <c>sell</c> and corrections for <c>sell_correction</c> unless a case says otherwise.
/// </summary>
public sealed class V4CrossFieldRuleTests
{
    private const ValidationSeverity E = ValidationSeverity.Error;
    private const ValidationSeverity W = ValidationSeverity.Warning;

    /// <summary>Codes that exist only for protocol v5.</summary>
    private static readonly string[] V5Only =
    [
        CrossFieldRuleCodes.ContactNoneDiscouraged, CrossFieldRuleCodes.BuyerIdentityComplete, CrossFieldRuleCodes.CashlessPaymentsNotAboveTotal,
        CrossFieldRuleCodes.VatSumPerItemOrReceipt, CrossFieldRuleCodes.ReceiptVatsMatchItemRates, CrossFieldRuleCodes.MarkQuantityOnlyForPieceMarkedGoods,
        CrossFieldRuleCodes.MarkQuantityProperFraction, CrossFieldRuleCodes.MarkProcessingModeRequiresMarkCode, CrossFieldRuleCodes.MarkedPaymentObjectRequiresMarkCode,
        CrossFieldRuleCodes.MarkCodeMatchesPaymentObject, CrossFieldRuleCodes.PlannedStatusForGs1mAndShort, CrossFieldRuleCodes.WholesaleRequiresCrptMrk,
        CrossFieldRuleCodes.WholesaleQuantityAboveOne, CrossFieldRuleCodes.MarkCodesPerDocumentLimit, CrossFieldRuleCodes.CorrectionBaseNumberForInstruction,
    ];

    private static readonly PayingAgent Paying = new() { Operation = "Платёж", Phones = ["+79001112233"] };
    private static readonly ReceivePaymentsOperator Operator = new() { Phones = ["+79002223344"] };
    private static readonly MoneyTransferOperator Transfer = new()
    {
        Phones = ["+74957654321"], Name = "АО «Банк»", Address = "г. Москва, ул. Банковская, д. 1", Inn = "7702070139",
    };

    private static readonly Dictionary<string, InvalidCase> InvalidCases = BuildInvalid();
    private static readonly Dictionary<string, ValidCase> ValidCases = BuildValid();

    public static TheoryData<string> InvalidNames => RuleCaseAssert.Names(InvalidCases);

    public static TheoryData<string> ValidNames => RuleCaseAssert.Names(ValidCases);

    // ---- base documents -------------------------------------------------------------------------------------------

    /// <summary>items[0]: plain goods; items[1]: a service sold by a commission agent.</summary>
    internal static ReceiptRequest BaseSell() => new()
    {
        ExternalId = "rules-v4-sell-1",
        Timestamp = new DateTime(2026, 11, 28, 12, 0, 0),
        Receipt = new Receipt
        {
            Client = new Buyer { Email = "buyer@example.ru" },
            Company = new Company { Email = "shop@example.ru", Sno = TaxationSystem.Osn, Inn = "5544332219", PaymentAddress = "https://v4.online.atol.ru" },
            Items = [Coffee(), Delivery()],
            Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2800.00m }],
            Total = 2800.00m,
            Cashier = "Иванова А. П.",
        },
    };

    internal static CorrectionRequest BaseCorrection() => new()
    {
        ExternalId = "rules-v4-corr-1",
        Timestamp = new DateTime(2026, 11, 28, 12, 5, 0),
        Correction = new Correction
        {
            Company = new CorrectionCompany { Sno = TaxationSystem.Osn, Inn = "5544332219", PaymentAddress = "https://v4.online.atol.ru" },
            CorrectionInfo = new CorrectionInfo { Type = CorrectionType.Self, BaseDate = new DateOnly(2026, 11, 27), BaseNumber = "б/н" },
            Payments = [new CorrectionPayment { Type = PaymentType.Cashless, Sum = 2800.00m }],
            Vats = [new Vat { Type = VatType.Vat20, Sum = 466.67m }],
            Cashier = "Иванова А. П.",
        },
    };

    private static Item Coffee() => new()
    {
        Name = "Кофе в зёрнах 1 кг",
        Price = 1250.00m,
        Quantity = 2,
        Sum = 2500.00m,
        MeasurementUnit = "шт",
        PaymentMethod = PaymentMethod.FullPayment,
        PaymentObject = PaymentObject.Commodity,
        Vat = new ItemVat { Type = VatType.Vat20, Sum = 416.67m },
    };

    private static Item Delivery() => new()
    {
        Name = "Доставка курьером",
        Price = 300.00m,
        Quantity = 1,
        Sum = 300.00m,
        PaymentMethod = PaymentMethod.FullPayment,
        PaymentObject = PaymentObject.Service,
        Vat = new ItemVat { Type = VatType.Vat20, Sum = 50.00m },
        AgentInfo = new ItemAgentInfo { Type = AgentType.CommissionAgent },
        SupplierInfo = new ItemSupplierInfo { Inn = "7707083893", Name = "ООО «Курьер»", Phones = ["+74951234567"] },
    };

    // ---- mutation helpers -----------------------------------------------------------------------------------------

    private static Func<IReadOnlyList<ValidationError>> Run(ReceiptRequest doc, string operation = "sell") => () =>
    {
        var context = new ValidationContext { Operation = operation };
        doc.Validate(context);
        return context.Violations.ToArray();
    };

    private static Func<IReadOnlyList<ValidationError>> Run(CorrectionRequest doc, string operation = "sell_correction") => () =>
    {
        var context = new ValidationContext { Operation = operation };
        doc.Validate(context);
        return context.Violations.ToArray();
    };

    // A date missing from the calendar can only arrive as JSON (a DateTime cannot hold it): write the document, swap
    // the date's text, and read and validate the JSON.
    private static Func<IReadOnlyList<ValidationError>> RunJson(ReceiptRequest doc, string text, string replacement) => () =>
        AtolJson.Validate<ReceiptRequest>(Swap(AtolJson.ToJsonString(doc), text, replacement), out _, ValidationProfile.Safe, "sell").Violations;

    private static Func<IReadOnlyList<ValidationError>> RunJson(CorrectionRequest doc, string text, string replacement) => () =>
        AtolJson.Validate<CorrectionRequest>(Swap(AtolJson.ToJsonString(doc), text, replacement), out _, ValidationProfile.Safe, "sell_correction").Violations;

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

    private static ReceiptRequest WithRate(VatType type, IReadOnlyList<Vat>? vats = null) =>
        Receipt(r => r with { Items = r.Items.Select(i => i with { Vat = new ItemVat { Type = type } }).ToArray(), Vats = vats });

    private static Payment[] Split(decimal cash, decimal electronic) =>
        [new Payment { Type = PaymentType.Cash, Sum = cash }, new Payment { Type = PaymentType.Cashless, Sum = electronic }];

    private static ReceiptRequest Agent(AgentType type, PayingAgent? paying, ReceivePaymentsOperator? receiver, MoneyTransferOperator? transfer, ItemSupplierInfo? supplier = null) =>
        Item(1, i => i with
        {
            AgentInfo = new ItemAgentInfo { Type = type, PayingAgent = paying, ReceivePaymentsOperator = receiver, MoneyTransferOperator = transfer },
            SupplierInfo = supplier ?? i.SupplierInfo,
        });

    private static Expected At(string path, string code, int? tag, ValidationSeverity severity) => new(path, code, tag, severity);

    // ---- the cases ------------------------------------------------------------------------------------------------

    private static Dictionary<string, InvalidCase> BuildInvalid()
    {
        var cases = new Dictionary<string, InvalidCase>(StringComparer.Ordinal);
        void Add(string name, Func<IReadOnlyList<ValidationError>> run, Expected target, params Expected[] others) =>
            cases.Add(target.Code + ": " + name, new InvalidCase(run, target, others));

        Add("client with name and INN but no contact", Run(Receipt(r => r with { Client = new Buyer { Name = "Петров Пётр Петрович", Inn = "500100732259" } })),
            At("receipt.client", CrossFieldRuleCodes.ClientContactRequired, 1008, E));

        const string Supplier = CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents;
        var bareSupplier = new ItemSupplierInfo { Inn = "7707083893", Name = "ООО «Курьер»" };
        Add("paying agent item, supplier without phones", Run(Agent(AgentType.PayingAgent, Paying, Operator, null, bareSupplier)),
            At("receipt.items[1].supplier_info", Supplier, 1171, W));
        Add("paying subagent item, supplier without name", Run(Agent(AgentType.PayingSubagent, Paying, Operator, null, bareSupplier with { Name = null, Phones = ["+74951234567"] })),
            At("receipt.items[1].supplier_info", Supplier, 1225, W));
        Add("receipt-level paying agent, supplier without phones", Run(Receipt(r => r with
        {
            AgentInfo = new AgentInfo { Type = AgentType.PayingAgent, PayingAgent = Paying, ReceivePaymentsOperator = Operator },
            SupplierInfo = new SupplierInfo(),
        })), At("receipt.supplier_info", Supplier, 1171, W));

        const string PayReq = CrossFieldRuleCodes.PayingAgentRequisitesByType;
        Add("paying subagent without the operator's phones", Run(Agent(AgentType.PayingSubagent, Paying, null, null)), At("receipt.items[1].agent_info", PayReq, 1073, W));
        Add("paying agent without its own phones", Run(Agent(AgentType.PayingAgent, Paying with { Phones = null }, Operator, null)), At("receipt.items[1].agent_info", PayReq, 1073, W));
        Add("bank paying agent without its own phones", Run(Agent(AgentType.BankPayingAgent, Paying with { Phones = null }, null, Transfer)),
            At("receipt.items[1].agent_info", PayReq, 1073, W));
        Add("receipt-level paying agent without any requisites", Run(Receipt(r => r with
        {
            AgentInfo = new AgentInfo { Type = AgentType.PayingAgent },
            SupplierInfo = new SupplierInfo { Phones = ["+74951234567"] },
        })), At("receipt.agent_info", PayReq, 1073, W));

        const string Bank = CrossFieldRuleCodes.BankPayingAgentRequisitesByType;
        Add("bank paying agent, transfer operator without INN", Run(Agent(AgentType.BankPayingAgent, Paying, null, Transfer with { Inn = null })),
            At("receipt.items[1].agent_info", Bank, 1044, W));
        Add("bank paying subagent without the operation", Run(Agent(AgentType.BankPayingSubagent, Paying with { Operation = null }, null, Transfer)),
            At("receipt.items[1].agent_info", Bank, 1044, W));
        Add("bank paying subagent without a transfer operator", Run(Agent(AgentType.BankPayingSubagent, Paying, null, null)),
            At("receipt.items[1].agent_info", Bank, 1044, W));

        const string ItemSum = CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity;
        // 10.01 × 0.5 = 5.005 rounds half away from zero to 5.01; 5.00 is banker's rounding.
        Add("5.005 rounded to even", Run(Item(0, i => i with { Price = 10.01m, Quantity = 0.5m, Sum = 5.00m })), At("receipt.items[0].sum", ItemSum, 1043, E));
        Add("a discount put into the sum instead of the price", Run(Item(0, i => i with { Sum = 2400.00m })), At("receipt.items[0].sum", ItemSum, 1043, E));

        Add("price × quantity 3 kopecks above the limit", Run(Item(0, i => i with { Price = 14_316_557.66m, Quantity = 3, Sum = 42_949_672.98m })),
            At("receipt.items[0].sum", CrossFieldRuleCodes.ItemAmountWithinLimit, 1043, E), At("receipt.items[0].sum", ValidationCodes.Maximum, 1043, E));

        Add("total 0.99 above the items", Run(Receipt(r => r with { Total = 2800.99m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2800.99m }] })),
            At("receipt.total", CrossFieldRuleCodes.TotalEqualsItemsSum, 1020, E));
        Add("total a kopeck below the items", Run(Receipt(r => r with { Total = 2799.99m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2799.99m }] })),
            At("receipt.total", CrossFieldRuleCodes.TotalEqualsItemsSum, 1020, E));

        Add("total 1.00 above the items", Run(Receipt(r => r with { Total = 2801.00m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2801.00m }] })),
            At("receipt.total", CrossFieldRuleCodes.TotalRoundingLimit, 1020, E));
        Add("total 1.00 below the items", Run(Receipt(r => r with { Total = 2799.00m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2799.00m }] })),
            At("receipt.total", CrossFieldRuleCodes.TotalRoundingLimit, 1020, E));

        Add("underpaid by a kopeck", Run(Receipt(r => r with { Payments = Split(800.00m, 1999.99m) })), At("receipt.payments", CrossFieldRuleCodes.PaymentsEqualTotal, null, E));
        Add("overpaid in cash", Run(Receipt(r => r with { Payments = Split(900.00m, 2000.00m) })), At("receipt.payments", CrossFieldRuleCodes.PaymentsEqualTotal, null, E));

        Add("details a kopeck above the electronic payment", Run(Receipt(r => r with
        {
            Payments = Split(800.00m, 2000.00m), CashlessPayments = [new CashlessPayment { Sum = 2000.01m, Method = 1, Id = "00123" }],
        })), At("receipt.cashless_payments", CrossFieldRuleCodes.CashlessPaymentsMatchCashless, 1235, W));

        const string Dup = CrossFieldRuleCodes.VatsNoDuplicateRates;
        Add("vat20 twice", Run(WithRate(VatType.Vat20, [new Vat { Type = VatType.Vat20, Sum = 400.00m }, new Vat { Type = VatType.Vat20, Sum = 66.67m }])),
            At("receipt.vats[1].type", Dup, 1199, W));
        Add("vat20 twice in a correction", Run(Correction(c => c with { Vats = [new Vat { Type = VatType.Vat20, Sum = 400.00m }, new Vat { Type = VatType.Vat20, Sum = 66.67m }] })),
            At("correction.vats[1].type", Dup, 1199, W));

        const string Family = CrossFieldRuleCodes.VatsSingleFamily;
        Add("vat22 item with a vat20 item", Run(Item(0, i => i with { Vat = new ItemVat { Type = VatType.Vat22, Sum = 450.82m } })), At("receipt", Family, 1199, W));
        Add("vat120 in vats against vat22 items", Run(WithRate(VatType.Vat22, [new Vat { Type = VatType.Vat120, Sum = 504.92m }])), At("receipt", Family, 1199, W));
        Add("vat20 and vat122 in a correction", Run(Correction(c => c with { Vats = [new Vat { Type = VatType.Vat20, Sum = 400.00m }, new Vat { Type = VatType.Vat122, Sum = 12.02m }] })),
            At("correction", Family, 1199, W));
        Add("vat118 with vat20 on a refund", Run(Item(0, i => i with { Vat = new ItemVat { Type = VatType.Vat118, Sum = 381.36m } }), "sell_refund"),
            At("receipt", Family, 1199, W), At("receipt.items[0].vat.type", CrossFieldRuleCodes.Vat18Deprecated, 1199, W));

        Add("vats and item amounts both sent", Run(Receipt(r => r with { Vats = [new Vat { Type = VatType.Vat20, Sum = 466.67m }] })),
            At("receipt.vats", CrossFieldRuleCodes.ItemVatSumIgnoredWithReceiptVats, 1200, W));

        const string Forbidden = CrossFieldRuleCodes.Vat18ForbiddenInSellBuy;
        Add("vat18 item in sell", Run(Receipt(r => r with { Items = r.Items.Select(i => i with { Vat = new ItemVat { Type = VatType.Vat18 } }).ToArray() })),
            At("receipt.items[0].vat.type", Forbidden, 1199, E), At("receipt.items[1].vat.type", Forbidden, 1199, E));
        Add("vat118 in vats in buy", Run(WithRate(VatType.Vat118, [new Vat { Type = VatType.Vat118, Sum = 427.12m }]), "buy"),
            At("receipt.vats[0].type", Forbidden, 1199, E), At("receipt.items[0].vat.type", Forbidden, 1199, E), At("receipt.items[1].vat.type", Forbidden, 1199, E));

        const string Deprecated = CrossFieldRuleCodes.Vat18Deprecated;
        Add("vat18 items in buy_refund", Run(WithRate(VatType.Vat18), "buy_refund"),
            At("receipt.items[0].vat.type", Deprecated, 1199, W), At("receipt.items[1].vat.type", Deprecated, 1199, W));
        Add("vat118 in a correction", Run(Correction(c => c with { Vats = [new Vat { Type = VatType.Vat118, Sum = 427.12m }] })),
            At("correction.vats[0].type", Deprecated, 1199, W));
        Add("vat18 in a buy correction", Run(Correction(c => c with { Vats = [new Vat { Type = VatType.Vat18, Sum = 427.12m }] }), "buy_correction"),
            At("correction.vats[0].type", Deprecated, 1199, W));

        Add("excise goods without excise", Run(Item(0, i => i with { PaymentObject = PaymentObject.Excise })),
            At("receipt.items[0].excise", CrossFieldRuleCodes.ExciseAmountForExciseGoods, 1229, W));

        Add("excise a kopeck above the item sum", Run(Item(0, i => i with { PaymentObject = PaymentObject.Excise, Excise = 2500.01m })),
            At("receipt.items[0].excise", CrossFieldRuleCodes.ExciseWithinItemSum, 1229, W));

        const string Date = CrossFieldRuleCodes.CalendarDateValid;
        Add("timestamp 31.04", RunJson(BaseSell() with { Timestamp = new DateTime(2026, 4, 30, 12, 0, 0) }, "30.04.2026 12:00:00", "31.04.2026 12:00:00"), At("timestamp", Date, null, E));
        Add("correction timestamp 31.11", RunJson(BaseCorrection() with { Timestamp = new DateTime(2026, 11, 30, 12, 5, 0) }, "30.11.2026 12:05:00", "31.11.2026 12:05:00"), At("timestamp", Date, null, E));
        Add("correction base date 29.02.2025", RunJson(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2025, 2, 28) } }), "28.02.2025", "29.02.2025"),
            At("correction.correction_info.base_date", Date, 1178, E));

        const string Extended = CrossFieldRuleCodes.ExtendedPaymentTypeConfigured;
        Add("payment type 9", Run(Receipt(r => r with { Payments = [new Payment { Type = PaymentType.Extended9, Sum = 2800.00m }] })), At("receipt.payments[0].type", Extended, null, W));
        Add("payment type 5 second in a correction", Run(Correction(c => c with
        {
            Payments = [new CorrectionPayment { Type = PaymentType.Cash, Sum = 800.00m }, new CorrectionPayment { Type = PaymentType.Extended5, Sum = 2000.00m }],
        })), At("correction.payments[1].type", Extended, null, W));

        Add("base date a day after the document", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2026, 11, 29) } })),
            At("correction.correction_info.base_date", CrossFieldRuleCodes.CorrectionBaseDateNotAfterDocument, 1178, W));

        const string Internet = CrossFieldRuleCodes.CorrectionInternetContact;
        Add("internet correction without client", Run(Correction(c => c with { Internet = true })), At("correction.client", Internet, 1008, E));
        Add("internet correction with an empty client", Run(Correction(c => c with { Internet = true, Client = new CorrectionBuyer() })), At("correction.client", Internet, 1008, E));

        const string Sno = CrossFieldRuleCodes.CompanySnoForSeveralSystems;
        Add("receipt company without sno", Run(Receipt(r => r with { Company = r.Company with { Sno = null } })), At("receipt.company.sno", Sno, 1055, W));
        Add("correction company without sno", Run(Correction(c => c with { Company = c.Company with { Sno = null } })), At("correction.company.sno", Sno, 1055, W));

        return cases;
    }

    private static Dictionary<string, ValidCase> BuildValid()
    {
        var cases = new Dictionary<string, ValidCase>(StringComparer.Ordinal);
        void Add(string code, string name, Func<IReadOnlyList<ValidationError>> run, params string[] allowed) =>
            cases.Add(code + ": " + name, new ValidCase(code, run, allowed));

        Add(CrossFieldRuleCodes.ClientContactRequired, "phone only", Run(Receipt(r => r with { Client = new Buyer { Phone = "+79001234567" } })));
        Add(CrossFieldRuleCodes.ClientContactRequired, "email and phone (the OFD uses the email)", Run(Receipt(r => r with { Client = r.Client with { Phone = "79001234567" } })));

        Add(CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, "paying agent with a complete supplier", Run(Agent(AgentType.PayingAgent, Paying, Operator, null)));
        Add(CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, "attorney with a bare supplier (INN only)",
            Run(Agent(AgentType.Attorney, null, null, null, new ItemSupplierInfo { Inn = "7707083893" })));
        Add(CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, "receipt-level paying agent: supplier phones suffice (no name at that level)", Run(Receipt(r => r with
        {
            AgentInfo = new AgentInfo { Type = AgentType.PayingAgent, PayingAgent = Paying, ReceivePaymentsOperator = Operator },
            SupplierInfo = new SupplierInfo { Phones = ["+74951234567"] },
        })));

        Add(CrossFieldRuleCodes.PayingAgentRequisitesByType, "paying subagent with both phones", Run(Agent(AgentType.PayingSubagent, Paying, Operator, null)));
        Add(CrossFieldRuleCodes.PayingAgentRequisitesByType, "bank paying agent needs no payment operator", Run(Agent(AgentType.BankPayingAgent, Paying, null, Transfer)));
        Add(CrossFieldRuleCodes.BankPayingAgentRequisitesByType, "bank paying subagent with every requisite", Run(Agent(AgentType.BankPayingSubagent, Paying, null, Transfer)));
        Add(CrossFieldRuleCodes.BankPayingAgentRequisitesByType, "paying agent needs no transfer operator", Run(Agent(AgentType.PayingAgent, Paying with { Operation = null }, Operator, null)));

        Add(CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity, "5.005 rounded half away from zero to 5.01", Run(Item(0, i => i with { Price = 10.01m, Quantity = 0.5m, Sum = 5.01m })));
        Add(CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity, "0.99495 rounded down to 0.99 (v4 tolerates rounding)", Run(Item(0, i => i with { Price = 0.99m, Quantity = 1.005m, Sum = 0.99m })));

        Add(CrossFieldRuleCodes.ItemAmountWithinLimit, "price × quantity exactly at the limit", Run(Item(0, i => i with { Price = 14_316_557.65m, Quantity = 3, Sum = 42_949_672.95m })));

        Add(CrossFieldRuleCodes.TotalEqualsItemsSum, "total equal to the items after a change", Run(Item(0, i => i with { Quantity = 3, Sum = 3750.00m })));
        // The 0.99 CMS rounding is within TotalRoundingLimit; only TotalEqualsItemsSum (the relaxable rule) reports it.
        Add(CrossFieldRuleCodes.TotalRoundingLimit, "total 0.99 below the items", Run(Receipt(r => r with { Total = 2799.01m, Payments = [new Payment { Type = PaymentType.Cashless, Sum = 2799.01m }] })),
            CrossFieldRuleCodes.TotalEqualsItemsSum);
        Add(CrossFieldRuleCodes.PaymentsEqualTotal, "split payment adding up", Run(Receipt(r => r with { Payments = Split(800.00m, 2000.00m) })));

        Add(CrossFieldRuleCodes.CashlessPaymentsMatchCashless, "details equal to the electronic payment", Run(Receipt(r => r with
        {
            Payments = Split(800.00m, 2000.00m), CashlessPayments = [new CashlessPayment { Sum = 2000.00m, Method = 1, Id = "00123" }],
        })));
        Add(CrossFieldRuleCodes.CashlessPaymentsMatchCashless, "details below the electronic payment (v4 asks ≤ only)", Run(Receipt(r => r with
        {
            CashlessPayments = [new CashlessPayment { Sum = 1500.00m, Method = 1, Id = "00123" }],
        })));

        Add(CrossFieldRuleCodes.VatsNoDuplicateRates, "one amount per rate", Run(WithRate(VatType.Vat20, [new Vat { Type = VatType.Vat20, Sum = 466.67m }])));
        Add(CrossFieldRuleCodes.VatsSingleFamily, "vat20 with vat120, vat10 and vat0", Run(Receipt(r => Balanced(r with
        {
            Items =
            [
                Coffee(),
                Delivery() with { Vat = new ItemVat { Type = VatType.Vat120, Sum = 50.00m } },
                new Item { Name = "Хлеб", Price = 50.00m, Quantity = 1, Sum = 50.00m, Vat = new ItemVat { Type = VatType.Vat10, Sum = 4.55m } },
                new Item { Name = "Вода", Price = 40.00m, Quantity = 1, Sum = 40.00m, Vat = new ItemVat { Type = VatType.Vat0, Sum = 0.00m } },
            ],
        }))));
        Add(CrossFieldRuleCodes.VatsSingleFamily, "vat22, vat122 and vat0 in a correction", Run(Correction(c => c with
        {
            Vats = [new Vat { Type = VatType.Vat22, Sum = 400.00m }, new Vat { Type = VatType.Vat122, Sum = 12.02m }, new Vat { Type = VatType.Vat0, Sum = 0.00m }],
        })));
        Add(CrossFieldRuleCodes.ItemVatSumIgnoredWithReceiptVats, "vats without item amounts", Run(WithRate(VatType.Vat20, [new Vat { Type = VatType.Vat20, Sum = 466.67m }])));

        Add(CrossFieldRuleCodes.Vat18ForbiddenInSellBuy, "vat18 on a sell_refund is only obsolete", Run(WithRate(VatType.Vat18), "sell_refund"), CrossFieldRuleCodes.Vat18Deprecated);
        Add(CrossFieldRuleCodes.Vat18ForbiddenInSellBuy, "vat20 in buy", Run(BaseSell(), "buy"));
        Add(CrossFieldRuleCodes.Vat18Deprecated, "vat18 in sell is refused, not merely obsolete", Run(WithRate(VatType.Vat18)), CrossFieldRuleCodes.Vat18ForbiddenInSellBuy);
        Add(CrossFieldRuleCodes.Vat18Deprecated, "vat20 in a buy correction", Run(BaseCorrection(), "buy_correction"));

        Add(CrossFieldRuleCodes.ExciseAmountForExciseGoods, "excise goods with excise", Run(Item(0, i => i with { PaymentObject = PaymentObject.Excise, Excise = 150.00m })));
        Add(CrossFieldRuleCodes.ExciseWithinItemSum, "excise equal to the item sum", Run(Item(0, i => i with { PaymentObject = PaymentObject.Excise, Excise = 2500.00m })));

        Add(CrossFieldRuleCodes.CalendarDateValid, "timestamp 29.02.2028", Run(BaseSell() with { Timestamp = new DateTime(2028, 2, 29, 23, 59, 59) }));
        Add(CrossFieldRuleCodes.CalendarDateValid, "base date 29.02.2024 and timestamp 31.12", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2024, 2, 29) } }) with
        {
            Timestamp = new DateTime(2026, 12, 31, 0, 0, 0),
        }));
        Add(CrossFieldRuleCodes.ExtendedPaymentTypeConfigured, "payment type 4 (other)", Run(Receipt(r => r with { Payments = [new Payment { Type = PaymentType.Other, Sum = 2800.00m }] })));
        Add(CrossFieldRuleCodes.CorrectionBaseDateNotAfterDocument, "base date the same day", Run(Correction(c => c with { CorrectionInfo = c.CorrectionInfo with { BaseDate = new DateOnly(2026, 11, 28) } })));
        Add(CrossFieldRuleCodes.CorrectionInternetContact, "internet correction with an email", Run(Correction(c => c with { Internet = true, Client = new CorrectionBuyer { Email = "buyer@example.ru" } })));
        Add(CrossFieldRuleCodes.CorrectionInternetContact, "internet correction with a phone", Run(Correction(c => c with { Internet = true, Client = new CorrectionBuyer { Phone = "+79001234567" } })));
        Add(CrossFieldRuleCodes.CompanySnoForSeveralSystems, "sno given", Run(Receipt(r => r with { Company = r.Company with { Sno = TaxationSystem.UsnIncome } })));

        return cases;
    }

    // ---- the tests ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("sell")]
    [InlineData("sell_refund")]
    [InlineData("buy")]
    [InlineData("buy_refund")]
    public void Base_receipt_has_no_violations_at_all(string? operation)
    {
        Assert.Empty(BaseSell().Validate().Violations);
        var context = new ValidationContext { Operation = operation };
        BaseSell().Validate(context);
        Assert.Empty(context.Violations);
    }

    [Theory]
    [InlineData("sell_correction")]
    [InlineData("buy_correction")]
    public void Base_correction_has_no_violations_at_all(string operation)
    {
        Assert.Empty(BaseCorrection().Validate().Violations);
        var context = new ValidationContext { Operation = operation };
        BaseCorrection().Validate(context);
        Assert.Empty(context.Violations);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_case_gets_exactly_its_rule(string name) => RuleCaseAssert.Invalid(InvalidCases[name]);

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_case_near_the_boundary_does_not_get_the_rule(string name) => RuleCaseAssert.Valid(ValidCases[name]);

    [Fact]
    public void Every_v4_rule_has_an_invalid_and_a_valid_case()
    {
        var implemented = RuleCaseAssert.AllRuleCodes().Except(V5Only).ToHashSet(StringComparer.Ordinal);
        RuleCaseAssert.CoversEveryRule(implemented, InvalidCases.Values, ValidCases.Values);
    }

    [Fact]
    public void Without_an_operation_vat18_is_only_reported_as_obsolete()
    {
        var violations = WithRate(VatType.Vat18).Validate().Violations;
        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.Equal((CrossFieldRuleCodes.Vat18Deprecated, ValidationSeverity.Warning), (v.Code, v.Severity)));
    }
}
