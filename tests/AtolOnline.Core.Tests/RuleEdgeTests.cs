using AtolOnline.Internal;
using AtolOnline.Validation;

namespace AtolOnline.Core.Tests;

/// <summary>
/// Edges of the cross-field rules that mutation testing found unguarded: paths after a nested report, missing or null
/// members (a clear violation, never an exception), repeated rates, rate families, empty phone lists and calendar dates.
/// </summary>
public sealed class RuleEdgeTests
{
    private static string[] Found(IEnumerable<ValidationError> violations) =>
        violations.Select(v => v.Path + " " + v.Code + " " + v.FfdTag).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void V5_a_report_after_a_nested_one_keeps_its_own_path()
    {
        var sell = CrossFieldRuleTests.BaseSell();
        var doc = sell with { Receipt = sell.Receipt with { Payments = [new V5.Payment { Type = V5.PaymentType.Extended5, Sum = 7000.00m }] } };
        Assert.Equal(
            ["receipt.payments " + CrossFieldRuleCodes.PaymentsEqualTotal + " ", "receipt.payments[0].type " + CrossFieldRuleCodes.ExtendedPaymentTypeConfigured + " "],
            Found(doc.Validate().Violations));

        var vats = sell with { Receipt = sell.Receipt with { Vats = [new V5.Vat { Type = V5.VatType.Vat22, Sum = 1.00m }, new V5.Vat { Type = V5.VatType.Vat22, Sum = 1.00m }, new V5.Vat { Type = V5.VatType.Vat10, Sum = 1.00m }] } };
        var found = Found(vats.Validate().Violations);
        Assert.Contains("receipt.vats[1].type " + CrossFieldRuleCodes.VatsNoDuplicateRates + " 1199", found);
        Assert.Contains("receipt.vats " + CrossFieldRuleCodes.ReceiptVatsMatchItemRates + " 1199", found);
        Assert.DoesNotContain(found, f => f.StartsWith("receipt.vats[1].type.", StringComparison.Ordinal) || f.StartsWith("receipt.vats[2]", StringComparison.Ordinal));
    }

    [Fact]
    public void V5_missing_or_null_items_and_payments_are_violations_not_exceptions()
    {
        var sell = CrossFieldRuleTests.BaseSell();
        Assert.Contains("receipt.items Required ", Found((sell with { Receipt = sell.Receipt with { Items = null! } }).Validate().Violations));
        Assert.Contains("receipt.payments Required ", Found((sell with { Receipt = sell.Receipt with { Payments = null! } }).Validate().Violations));

        var nulls = sell with
        {
            Receipt = sell.Receipt with
            {
                Items = [.. sell.Receipt.Items, null!],
                Payments = [.. sell.Receipt.Payments, null!],
                Vats = [new V5.Vat { Type = V5.VatType.Vat22, Sum = 1404.76m }, null!],
            },
        };
        var found = Found(nulls.Validate().Violations);
        Assert.Contains(found, f => f.StartsWith("receipt.items[3] ", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("receipt.payments[1] ", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("receipt.vats[1] ", StringComparison.Ordinal));
        Assert.DoesNotContain(found, f => f.Contains(CrossFieldRuleCodes.TotalEqualsItemsSum, StringComparison.Ordinal) || f.Contains(CrossFieldRuleCodes.PaymentsEqualTotal, StringComparison.Ordinal));
    }

    [Fact]
    public void V5_one_rate_family_alone_is_fine_and_mixing_families_is_an_error()
    {
        var sell = CrossFieldRuleTests.BaseSell();
        V5.Receipt WithRates(V5.VatType first, V5.VatType rest) => sell.Receipt with
        {
            Items = sell.Receipt.Items.Select((i, n) => i with { Vat = new V5.ItemVat { Type = n == 0 ? first : rest } }).ToArray(),
        };

        foreach (var (first, rest) in new[] { (V5.VatType.Vat20, V5.VatType.Vat20), (V5.VatType.Vat120, V5.VatType.Vat20), (V5.VatType.Vat22, V5.VatType.Vat122), (V5.VatType.Vat10, V5.VatType.Vat20) })
        {
            Assert.DoesNotContain((sell with { Receipt = WithRates(first, rest) }).Validate().Violations, v => v.Code == CrossFieldRuleCodes.VatsSingleFamily);
        }

        foreach (var (first, rest) in new[] { (V5.VatType.Vat20, V5.VatType.Vat22), (V5.VatType.Vat122, V5.VatType.Vat120) })
        {
            Assert.Contains((sell with { Receipt = WithRates(first, rest) }).Validate().Violations, v => v.Code == CrossFieldRuleCodes.VatsSingleFamily && v.Path == "receipt.items");
        }
    }

    [Fact]
    public void V4_every_repeated_rate_is_reported_and_later_reports_keep_their_path()
    {
        var sell = V4CrossFieldRuleTests.BaseSell();
        var three = sell with { Receipt = sell.Receipt with { Vats = [new V4.Vat { Type = V4.VatType.Vat20, Sum = 1.00m }, new V4.Vat { Type = V4.VatType.Vat20, Sum = 1.00m }, new V4.Vat { Type = V4.VatType.Vat20, Sum = 1.00m }] } };
        var found = Found(Violations(three));
        Assert.Contains("receipt.vats[1].type " + CrossFieldRuleCodes.VatsNoDuplicateRates + " 1199", found);
        Assert.Contains("receipt.vats[2].type " + CrossFieldRuleCodes.VatsNoDuplicateRates + " 1199", found);

        var extended = sell with { Receipt = sell.Receipt with { Payments = [new V4.Payment { Type = V4.PaymentType.Extended5, Sum = 2000.00m }] } };
        Assert.Equal(
            ["receipt.payments " + CrossFieldRuleCodes.PaymentsEqualTotal + " ", "receipt.payments[0].type " + CrossFieldRuleCodes.ExtendedPaymentTypeConfigured + " "],
            Found(Violations(extended)));
    }

    [Fact]
    public void V4_missing_or_null_items_are_violations_not_exceptions()
    {
        var sell = V4CrossFieldRuleTests.BaseSell();
        Assert.Contains("receipt.items Required ", Found(Violations(sell with { Receipt = sell.Receipt with { Items = null! } })));
        Assert.Contains("receipt.payments Required ", Found(Violations(sell with { Receipt = sell.Receipt with { Payments = null! } })));
        var found = Found(Violations(sell with { Receipt = sell.Receipt with { Items = [.. sell.Receipt.Items, null!] } }));
        Assert.Contains(found, f => f.StartsWith("receipt.items[2] ", StringComparison.Ordinal));
        Assert.DoesNotContain(found, f => f.Contains(CrossFieldRuleCodes.TotalEqualsItemsSum, StringComparison.Ordinal));
    }

    [Fact]
    public void V4_empty_phone_lists_count_as_missing_and_the_message_names_what_is_missing()
    {
        static ValidationError[] Check(V4.AgentType type, V4.PayingAgent? paying, V4.ReceivePaymentsOperator? receiver, V4.MoneyTransferOperator? transfer, IReadOnlyList<string>? phones, string? name, bool itemLevel)
        {
            var context = new ValidationContext();
            V4.V4Rules.CheckAgent(context, type, paying, receiver, transfer, phones, name, itemLevel);
            return [.. context.Violations];
        }

        var paying = new V4.PayingAgent { Operation = "Платёж", Phones = ["+79001112233"] };
        var receiver = new V4.ReceivePaymentsOperator { Phones = ["+79002223344"] };
        var transfer = new V4.MoneyTransferOperator { Phones = ["+79003334455"], Name = "Банк", Address = "Москва", Inn = "7707083893" };
        string[] ok = ["+74951234567"];

        Assert.Empty(Check(V4.AgentType.PayingAgent, paying, receiver, null, ok, "ООО", itemLevel: true));
        Assert.Empty(Check(V4.AgentType.BankPayingAgent, paying, null, transfer, ok, "ООО", itemLevel: true));

        var noPhones = Assert.Single(Check(V4.AgentType.PayingAgent, paying, receiver, null, [], "ООО", itemLevel: true));
        Assert.Equal((CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, 1171), (noPhones.Code, noPhones.FfdTag));
        Assert.Contains("и наименование", noPhones.Message, StringComparison.Ordinal);
        var noName = Assert.Single(Check(V4.AgentType.PayingAgent, paying, receiver, null, ok, null, itemLevel: true));
        Assert.Equal(1225, noName.FfdTag);
        var receiptLevel = Assert.Single(Check(V4.AgentType.PayingAgent, paying, receiver, null, [], null, itemLevel: false));
        Assert.Equal("Для платёжного агента укажите телефоны поставщика", receiptLevel.Message);

        var agentPhones = Assert.Single(Check(V4.AgentType.PayingAgent, paying with { Phones = [] }, receiver, null, ok, "ООО", itemLevel: true));
        Assert.Equal((CrossFieldRuleCodes.PayingAgentRequisitesByType, 1073), (agentPhones.Code, agentPhones.FfdTag));
        Assert.Contains("оператора по приёму платежей", agentPhones.Message, StringComparison.Ordinal);
        Assert.Equal(CrossFieldRuleCodes.PayingAgentRequisitesByType, Assert.Single(Check(V4.AgentType.PayingAgent, paying, receiver with { Phones = [] }, null, ok, "ООО", itemLevel: true)).Code);
        var bankPhones = Check(V4.AgentType.BankPayingAgent, paying with { Phones = [] }, null, transfer, ok, "ООО", itemLevel: true);
        Assert.Equal("Для банковского платёжного агента укажите телефоны платёжного агента", Assert.Single(bankPhones).Message);
        Assert.Equal(CrossFieldRuleCodes.BankPayingAgentRequisitesByType, Assert.Single(Check(V4.AgentType.BankPayingAgent, paying, null, transfer with { Phones = [] }, ok, "ООО", itemLevel: true)).Code);
    }

    [Theory]
    [InlineData("01.01.2026", true)]
    [InlineData("31.12.2026 23:59:59", true)]
    [InlineData("29.02.2024", true)]
    [InlineData("01.01.0001", true)]
    [InlineData("00.01.2026", false)]
    [InlineData("32.01.2026", false)]
    [InlineData("29.02.2026", false)]
    [InlineData("01.00.2026", false)]
    [InlineData("01.13.2026", false)]
    [InlineData("01.01.0000", false)]
    [InlineData("1.1.2026", true)]    // wrong shape: the pattern reports it, not this rule
    [InlineData("01-01-2026", true)]
    [InlineData("01.01-2026", true)]
    [InlineData("01-01.2026", true)]
    [InlineData("0a.01.2026", true)]
    public void A_calendar_date_is_judged_only_in_the_right_shape(string text, bool accepted) =>
        Assert.Equal(accepted, SharedRuleChecks.StartsWithCalendarDate(text));

    [Theory]
    [InlineData("28.11.2026", "28.11.2026 12:00:00", false)]
    [InlineData("29.11.2026", "28.11.2026 12:00:00", true)]
    [InlineData("01.01.2027", "31.12.2026 23:59:59", true)]
    [InlineData("unread", "28.11.2026 12:00:00", false)]
    [InlineData("29.11.2026", "unread", false)]
    [InlineData(null, "28.11.2026 12:00:00", false)]
    public void The_base_date_is_compared_with_the_document_date_only_when_both_are_dates(string? baseDate, string timestamp, bool warned)
    {
        // "unread": the default value a member keeps when ATOL's v4 service admitted a text that is no date.
        DateOnly? basis = baseDate switch
        {
            null => null,
            "unread" => default(DateOnly),
            _ => DateOnly.ParseExact(baseDate, "dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
        };
        DateTime document = timestamp == "unread" ? default : DateTime.ParseExact(timestamp, "dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var context = new ValidationContext();
        context.Push("outer");
        SharedRuleChecks.CheckBaseDateNotAfterDocument(context, basis, document, "later");
        context.Add("after", "Probe", null, ValidationSeverity.Warning, "probe");
        var found = Found(context.Violations);
        Assert.Equal(warned, found.Contains("outer.correction.correction_info.base_date " + CrossFieldRuleCodes.CorrectionBaseDateNotAfterDocument + " 1178"));
        Assert.Contains("outer.after Probe ", found); // the rule leaves the path as it found it
        Assert.Equal(warned ? 2 : 1, found.Length);
    }

    [Fact]
    public void Money_is_printed_with_two_to_four_decimals()
    {
        Assert.Equal("1.00", SharedRuleChecks.Money(1m));
        Assert.Equal("1.2345", SharedRuleChecks.Money(1.2345m));
        Assert.Equal("42949672.95", SharedRuleChecks.Money(SharedRuleChecks.MaxAmount));
    }

    private static ValidationError[] Violations(V4.ReceiptRequest doc)
    {
        var context = new ValidationContext { Operation = "sell" };
        doc.Validate(context);
        return [.. context.Violations];
    }
}
