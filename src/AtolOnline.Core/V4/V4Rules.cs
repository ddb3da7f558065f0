using AtolOnline.Internal;
using AtolOnline.Validation;

namespace AtolOnline.V4;

/// <summary>Cross-field rules of v4 (schemas/v4/NOTES.md (b)). Allocation-free when nothing is wrong.</summary>
internal static class V4Rules
{
    public static ulong Bit(VatType type) => (uint)type < 64 ? 1UL << (int)type : 0;

    /// <summary>One family per document: 20 % (vat20, vat120), 22 % (vat22, vat122) or the obsolete 18 %.</summary>
    public static void CheckVatFamilies(ValidationContext ctx, ulong rates)
    {
        int families = ((rates & (Bit(VatType.Vat20) | Bit(VatType.Vat120))) != 0 ? 1 : 0)
            + ((rates & (Bit(VatType.Vat22) | Bit(VatType.Vat122))) != 0 ? 1 : 0)
            + ((rates & (Bit(VatType.Vat18) | Bit(VatType.Vat118))) != 0 ? 1 : 0);
        if (families > 1)
        {
            ctx.Add(null, CrossFieldRuleCodes.VatsSingleFamily, 1199, ValidationSeverity.Warning,
                "В одном документе не смешивайте ставки 20% (vat20, vat120), 22% (vat22, vat122) и 18% (vat18, vat118)");
        }
    }

    /// <summary>vat18/vat118: refused in sell and buy (code 32 since 01.04.2019), obsolete elsewhere.</summary>
    public static void CheckVat18(ValidationContext ctx, string prop, VatType type)
    {
        if (type is not (VatType.Vat18 or VatType.Vat118))
        {
            return;
        }

        if (ctx.Operation is "sell" or "buy")
        {
            ctx.Add(prop, CrossFieldRuleCodes.Vat18ForbiddenInSellBuy, 1199, ValidationSeverity.Error,
                "Ставки vat18 и vat118 не принимаются в операциях sell и buy с 01.04.2019");
        }
        else
        {
            // Operation unknown (e.g. `atol validate` without --operation): the refusal cannot be judged, so it warns.
            ctx.Add(prop, CrossFieldRuleCodes.Vat18Deprecated, 1199, ValidationSeverity.Warning, ctx.Operation is null
                ? "Ставки vat18 и vat118 устарели; в операциях sell и buy сервис их не принимает (операция не указана)"
                : "Ставки vat18 и vat118 устарели");
        }
    }

    public static ulong CheckVats(ValidationContext ctx, IReadOnlyList<Vat>? vats)
    {
        ulong rates = 0;
        if (vats is null)
        {
            return 0;
        }

        ctx.Push("vats");
        for (int i = 0; i < vats.Count; i++)
        {
            var vat = vats[i]; // not `is not { } vat`: no Stryker mutant of that pattern compiles (tests/mutation/run)
            if (vat is null)
            {
                continue;
            }

            ctx.PushIndex(i);
            ulong bit = Bit(vat.Type);
            if ((rates & bit) != 0)
            {
                ctx.Add("type", CrossFieldRuleCodes.VatsNoDuplicateRates, 1199, ValidationSeverity.Warning, "Ставка НДС повторяется в vats: у каждой ставки одна сумма");
            }

            rates |= bit;
            CheckVat18(ctx, "type", vat.Type);
            ctx.Pop();
        }

        ctx.Pop();
        return rates;
    }

    public static void CheckExtendedPayment(ValidationContext ctx, int index, PaymentType type)
    {
        if (type is PaymentType.Extended5 or PaymentType.Extended6 or PaymentType.Extended7 or PaymentType.Extended8 or PaymentType.Extended9)
        {
            ctx.Push("payments");
            ctx.PushIndex(index);
            ctx.Add("type", CrossFieldRuleCodes.ExtendedPaymentTypeConfigured, null, ValidationSeverity.Warning,
                "Виды оплаты 5–9 работают, только если они настроены в личном кабинете АТОЛ Онлайн");
            ctx.Pop();
            ctx.Pop();
        }
    }

    /// <summary>Agent requisites by agent type (FFD 1.05); warnings, because ATOL's v4 document does not state them.</summary>
    public static void CheckAgent(ValidationContext ctx, AgentType type, PayingAgent? paying, ReceivePaymentsOperator? operatorInfo, MoneyTransferOperator? transfer, IReadOnlyList<string>? supplierPhones, string? supplierName, bool itemLevel)
    {
        bool payingAgent = type is AgentType.PayingAgent or AgentType.PayingSubagent;
        bool bankAgent = type is AgentType.BankPayingAgent or AgentType.BankPayingSubagent;
        if (!payingAgent && !bankAgent)
        {
            return;
        }

        if (supplierPhones is not { Count: > 0 } || (itemLevel && supplierName is null))
        {
            // NOTES (b): missing phones are SupplierPhonesForPayingAgents (1171), a missing name SupplierNameForPayingAgents (1225).
            ctx.Add("supplier_info", CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, supplierPhones is not { Count: > 0 } ? 1171 : 1225, ValidationSeverity.Warning,
                "Для платёжного агента укажите телефоны" + (itemLevel ? " и наименование" : "") + " поставщика");
        }

        if (paying?.Phones is not { Count: > 0 } || (payingAgent && operatorInfo?.Phones is not { Count: > 0 }))
        {
            ctx.Add("agent_info", CrossFieldRuleCodes.PayingAgentRequisitesByType, 1073, ValidationSeverity.Warning,
                payingAgent ? "Для платёжного агента укажите телефоны платёжного агента и оператора по приёму платежей" : "Для банковского платёжного агента укажите телефоны платёжного агента");
        }

        if (bankAgent && (paying?.Operation is null || transfer is not { Phones.Count: > 0, Name: not null, Address: not null, Inn: not null }))
        {
            ctx.Add("agent_info", CrossFieldRuleCodes.BankPayingAgentRequisitesByType, 1044, ValidationSeverity.Warning,
                "Для банковского платёжного агента укажите операцию и телефоны, наименование, адрес и ИНН оператора перевода");
        }
    }
}

public sealed partial record Receipt
{
    partial void ValidateRules(ValidationContext context)
    {
        if (Client is { Email: null, Phone: null })
        {
            context.Add("client", CrossFieldRuleCodes.ClientContactRequired, 1008, ValidationSeverity.Error,
                "Укажите электронную почту или телефон покупателя (email или phone)");
        }

        if (context.IsService)
        {
            CheckVat18Only(context);
            return;
        }

        if (AgentInfo is { } agent)
        {
            V4Rules.CheckAgent(context, agent.Type, agent.PayingAgent, agent.ReceivePaymentsOperator, agent.MoneyTransferOperator, SupplierInfo?.Phones, null, itemLevel: false);
        }

        if (Items is null || Payments is null)
        {
            return;
        }

        decimal itemsTotal = 0;
        ulong itemRates = 0;
        bool anyItemVatSum = false;
        context.Push("items");
        for (int i = 0; i < Items.Count; i++)
        {
            var item = Items[i]; // not `is not { } item`: no Stryker mutant of that pattern compiles (tests/mutation/run)
            if (item is null)
            {
                continue;
            }

            itemsTotal += item.Sum;
            if (item.Vat is { } vat)
            {
                itemRates |= V4Rules.Bit(vat.Type);
                anyItemVatSum |= vat.Sum.HasValue;
                context.PushIndex(i);
                context.Push("vat");
                V4Rules.CheckVat18(context, "type", vat.Type);
                context.Pop();
                context.Pop();
            }
        }

        context.Pop();
        decimal difference = Math.Abs(Total - itemsTotal);
        if (difference > 0.99m)
        {
            context.Add("total", CrossFieldRuleCodes.TotalRoundingLimit, 1020, ValidationSeverity.Error,
                $"Итог {SharedRuleChecks.Money(Total)} отличается от суммы позиций {SharedRuleChecks.Money(itemsTotal)} больше чем на 0.99");
        }
        else if (difference != 0)
        {
            context.Add("total", CrossFieldRuleCodes.TotalEqualsItemsSum, 1020, ValidationSeverity.Error,
                $"Итог {SharedRuleChecks.Money(Total)} не равен сумме позиций {SharedRuleChecks.Money(itemsTotal)}: касса считает итог по позициям, и оплаты разойдутся с ним");
        }

        decimal paid = 0, cashless = 0;
        for (int i = 0; i < Payments.Count; i++)
        {
            if (Payments[i] is { } payment)
            {
                paid += payment.Sum;
                cashless += payment.Type == PaymentType.Cashless ? payment.Sum : 0;
                V4Rules.CheckExtendedPayment(context, i, payment.Type);
            }
        }

        if (paid != Total)
        {
            context.Add("payments", CrossFieldRuleCodes.PaymentsEqualTotal, null, ValidationSeverity.Error,
                $"Сумма оплат {SharedRuleChecks.Money(paid)} не равна итогу {SharedRuleChecks.Money(Total)}");
        }

        if (CashlessPayments is { } details)
        {
            decimal detailed = 0;
            for (int i = 0; i < details.Count; i++)
            {
                detailed += details[i]?.Sum ?? 0;
            }

            if (detailed > cashless)
            {
                context.Add("cashless_payments", CrossFieldRuleCodes.CashlessPaymentsMatchCashless, 1235, ValidationSeverity.Warning,
                    $"Сумма cashless_payments {SharedRuleChecks.Money(detailed)} больше безналичной оплаты {SharedRuleChecks.Money(cashless)}");
            }
        }

        ulong receiptRates = V4Rules.CheckVats(context, Vats);
        if (Vats is not null && anyItemVatSum)
        {
            context.Add("vats", CrossFieldRuleCodes.ItemVatSumIgnoredWithReceiptVats, 1200, ValidationSeverity.Warning,
                "Переданы и vats, и суммы НДС позиций: сервис использует только vats");
        }

        V4Rules.CheckVatFamilies(context, itemRates | receiptRates);
    }

    /// <summary>The service profile: of the VAT rules only vat18/vat118 in sell and buy, which ATOL refuses up front.</summary>
    private void CheckVat18Only(ValidationContext context)
    {
        if (Items is not null)
        {
            context.Push("items");
            for (int i = 0; i < Items.Count; i++)
            {
                if (Items[i]?.Vat is { } vat)
                {
                    context.PushIndex(i);
                    context.Push("vat");
                    V4Rules.CheckVat18(context, "type", vat.Type);
                    context.Pop();
                    context.Pop();
                }
            }

            context.Pop();
        }

        V4Rules.CheckVats(context, Vats);
    }
}

public sealed partial record Item
{
    partial void ValidateRules(ValidationContext context)
    {
        // The service profile judges only what ATOL refuses up front (ValidationContext.ServiceRefuses); the rest is
        // the register's business and is not even computed.
        if (context.IsService)
        {
            return;
        }

        decimal amount = ItemAmountRule.Check(context, Price, Quantity);

        decimal expected = MoneyArithmetic.RoundToKopecks(amount);
        if (Sum != expected)
        {
            context.Add("sum", CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity, 1043, ValidationSeverity.Error,
                $"Сумма позиции {SharedRuleChecks.Money(Sum)} не равна цене × количество = {SharedRuleChecks.Money(expected)} (скидки включайте в цену)");
        }

        if (AgentInfo is { } agent)
        {
            V4Rules.CheckAgent(context, agent.Type, agent.PayingAgent, agent.ReceivePaymentsOperator, agent.MoneyTransferOperator, SupplierInfo?.Phones, SupplierInfo?.Name, itemLevel: true);
        }

        if (PaymentObject == V4.PaymentObject.Excise && Excise is null)
        {
            context.Add("excise", CrossFieldRuleCodes.ExciseAmountForExciseGoods, 1229, ValidationSeverity.Warning,
                "Подакцизный товар без суммы акциза: касса может отклонить чек (ошибка 265)");
        }

        if (Excise is { } excise && excise > Sum)
        {
            context.Add("excise", CrossFieldRuleCodes.ExciseWithinItemSum, 1229, ValidationSeverity.Warning, "Акциз входит в стоимость позиции и не может быть больше её суммы");
        }
    }
}

public sealed partial record Company
{
    partial void ValidateRules(ValidationContext context) => CompanyRules.CheckSno(context, Sno is not null);
}

public sealed partial record CorrectionCompany
{
    partial void ValidateRules(ValidationContext context) => CompanyRules.CheckSno(context, Sno is not null);
}

public sealed partial record Correction
{
    partial void ValidateRules(ValidationContext context)
    {
        // The service profile judges only what ATOL refuses up front (ValidationContext.ServiceRefuses); the rest is
        // the register's business and is not even computed.
        if (context.IsService)
        {
            return;
        }

        if (Internet == true && Client is not { Email: not null } and not { Phone: not null })
        {
            context.Add("client", CrossFieldRuleCodes.CorrectionInternetContact, 1008, ValidationSeverity.Error,
                "Для коррекции расчёта через Интернет укажите email или телефон покупателя");
        }

        if (Payments is not null)
        {
            for (int i = 0; i < Payments.Count; i++)
            {
                if (Payments[i] is { } payment)
                {
                    V4Rules.CheckExtendedPayment(context, i, payment.Type);
                }
            }
        }

        V4Rules.CheckVatFamilies(context, V4Rules.CheckVats(context, Vats));
    }
}

public sealed partial record CorrectionRequest
{
    partial void ValidateRules(ValidationContext context)
    {
        SharedRuleChecks.CheckBaseDateNotAfterDocument(context, Correction?.CorrectionInfo?.BaseDate, Timestamp, "Дата документа-основания позже даты документа (timestamp)");
    }
}

/// <summary>The rules shared by the receipt's and the correction's company.</summary>
internal static class CompanyRules
{
    public static void CheckSno(ValidationContext context, bool snoGiven)
    {
        // The service profile judges only what ATOL refuses up front (ValidationContext.ServiceRefuses); the rest is
        // the register's business and is not even computed.
        if (!context.IsService && !snoGiven)
        {
            context.Add("sno", CrossFieldRuleCodes.CompanySnoForSeveralSystems, 1055, ValidationSeverity.Warning,
                "Система налогообложения не указана: так можно, только если у организации одна СНО");
        }
    }
}
