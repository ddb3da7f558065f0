using AtolOnline.Internal;
using AtolOnline.Validation;

namespace AtolOnline.V5;

/// <summary>What a v5 receipt and a v5 correction share (both carry a full receipt body).</summary>
internal interface IV5DocumentBody
{
    Buyer? Client { get; }

    IReadOnlyList<Item> Items { get; }

    IReadOnlyList<Payment> Payments { get; }

    IReadOnlyList<Vat>? Vats { get; }

    decimal Total { get; }

    IReadOnlyList<CashlessPayment>? CashlessPayments { get; }
}

/// <summary>Document-level cross-field rules of v5 (schemas/v5/NOTES.md §2). Allocation-free when nothing is wrong.</summary>
internal static class V5DocumentRules
{
    public static void Check(ValidationContext ctx, IV5DocumentBody doc)
    {
        var items = doc.Items;
        var payments = doc.Payments;
        if (items is null || payments is null)
        {
            return; // Required already reported by the schema checks
        }

        decimal itemsTotal = 0;
        ulong itemRates = 0;
        bool anyItemVatSum = false;
        int markCodes = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null)
            {
                continue;
            }

            itemsTotal += item.Sum;
            if (item.Vat is { } vat)
            {
                itemRates |= Bit(vat.Type);
                anyItemVatSum |= vat.Sum.HasValue;
            }

            if (item.MarkCode is not null)
            {
                markCodes++;
            }
        }

        if (itemsTotal != doc.Total)
        {
            ctx.Add("total", CrossFieldRuleCodes.TotalEqualsItemsSum, 1020, ValidationSeverity.Error,
                $"Итог {SharedRuleChecks.Money(doc.Total)} не равен сумме позиций {SharedRuleChecks.Money(itemsTotal)}");
        }

        decimal paid = 0, cashless = 0;
        for (int i = 0; i < payments.Count; i++)
        {
            if (payments[i] is { } payment)
            {
                paid += payment.Sum;
                if (payment.Type == PaymentType.Cashless)
                {
                    cashless += payment.Sum;
                }

                if (payment.Type is PaymentType.Extended5 or PaymentType.Extended6 or PaymentType.Extended7 or PaymentType.Extended8 or PaymentType.Extended9)
                {
                    ctx.Push("payments");
                    ctx.PushIndex(i);
                    ctx.Add("type", CrossFieldRuleCodes.ExtendedPaymentTypeConfigured, null, ValidationSeverity.Warning,
                        "Виды оплаты 5–9 работают, только если они настроены в личном кабинете АТОЛ Онлайн");
                    ctx.Pop();
                    ctx.Pop();
                }
            }
        }

        if (paid != doc.Total)
        {
            ctx.Add("payments", CrossFieldRuleCodes.PaymentsEqualTotal, null, ValidationSeverity.Error,
                $"Сумма оплат {SharedRuleChecks.Money(paid)} не равна итогу {SharedRuleChecks.Money(doc.Total)} (чек должен быть оплачен полностью, безналичные не больше итога)");
        }

        if (doc.CashlessPayments is { } details)
        {
            decimal detailed = 0;
            for (int i = 0; i < details.Count; i++)
            {
                detailed += details[i]?.Sum ?? 0;
            }

            if (detailed > doc.Total)
            {
                ctx.Add("cashless_payments", CrossFieldRuleCodes.CashlessPaymentsNotAboveTotal, 1235, ValidationSeverity.Error,
                    $"Сумма безналичных расчётов {SharedRuleChecks.Money(detailed)} больше итога {SharedRuleChecks.Money(doc.Total)}");
            }
            else if (detailed != cashless)
            {
                ctx.Add("cashless_payments", CrossFieldRuleCodes.CashlessPaymentsMatchCashless, 1235, ValidationSeverity.Warning,
                    $"Сумма cashless_payments {SharedRuleChecks.Money(detailed)} не совпадает с безналичной оплатой {SharedRuleChecks.Money(cashless)}");
            }
        }

        ulong receiptRates = 0;
        if (doc.Vats is { } vats)
        {
            for (int i = 0; i < vats.Count; i++)
            {
                // A local and a null check, not `is not { } v`: Stryker's mutants of the pattern left v unassigned, so
                // no mutant of this method compiled (tests/mutation/run).
                var v = vats[i];
                if (v is null)
                {
                    continue;
                }

                ulong bit = Bit(v.Type);
                if ((receiptRates & bit) != 0)
                {
                    ctx.Push("vats");
                    ctx.PushIndex(i);
                    ctx.Add("type", CrossFieldRuleCodes.VatsNoDuplicateRates, 1199, ValidationSeverity.Error, "Ставка НДС повторяется в vats: у каждой ставки одна сумма");
                    ctx.Pop();
                    ctx.Pop();
                }

                receiptRates |= bit;
            }

            if (receiptRates != itemRates)
            {
                ctx.Add("vats", CrossFieldRuleCodes.ReceiptVatsMatchItemRates, 1199, ValidationSeverity.Warning,
                    "Ставки в vats не совпадают со ставками позиций; сервис использует только vats");
            }
        }
        else if (!anyItemVatSum)
        {
            ctx.Add("vats", CrossFieldRuleCodes.VatSumPerItemOrReceipt, 1199, ValidationSeverity.Warning,
                "Сумма НДС не передана ни по позициям (vat.sum), ни по чеку (vats): её рассчитает касса");
        }

        ulong all = itemRates | receiptRates;
        bool family20 = (all & (Bit(VatType.Vat20) | Bit(VatType.Vat120))) != 0;
        bool family22 = (all & (Bit(VatType.Vat22) | Bit(VatType.Vat122))) != 0;
        if (family20 && family22)
        {
            ctx.Add("items", CrossFieldRuleCodes.VatsSingleFamily, 1199, ValidationSeverity.Error,
                "В одном документе нельзя смешивать ставки 20% (vat20, vat120) и 22% (vat22, vat122)");
        }

        if (markCodes > 128)
        {
            ctx.Add("items", CrossFieldRuleCodes.MarkCodesPerDocumentLimit, 1163, ValidationSeverity.Error,
                $"Кодов маркировки {markCodes}, фискальный накопитель принимает не больше 128 в документе");
        }
    }

    private static ulong Bit(VatType type) => (uint)type < 64 ? 1UL << (int)type : 0;
}

public sealed partial record Receipt : IV5DocumentBody
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
            return; // the rest is the register's business (ValidationContext.ServiceRefuses)
        }

        V5DocumentRules.Check(context, this);
    }
}

public sealed partial record Correction : IV5DocumentBody
{
    partial void ValidateRules(ValidationContext context)
    {
        // The service profile judges only what ATOL refuses up front (ValidationContext.ServiceRefuses); the rest is
        // the register's business and is not even computed.
        if (context.IsService)
        {
            return;
        }

        V5DocumentRules.Check(context, this);
        if (Internet == true && Client is not { Email: not null } and not { Phone: not null })
        {
            context.Add("client", CrossFieldRuleCodes.CorrectionInternetContact, 1008, ValidationSeverity.Warning,
                "Для коррекции расчёта через Интернет укажите email или телефон покупателя (правило v4, для v5 не подтверждено)");
        }
    }
}

public sealed partial record CorrectionInfo
{
    partial void ValidateRules(ValidationContext context)
    {
        // base_date is a DateOnly: the reader reports a date missing from the calendar (CalendarDateValid) at its path.
        if (Type == CorrectionType.Instruction && BaseNumber is null)
        {
            context.Add("base_number", CrossFieldRuleCodes.CorrectionBaseNumberForInstruction, 1179, ValidationSeverity.Error,
                "При коррекции по предписанию укажите номер предписания (base_number)");
        }
    }
}

public sealed partial record CorrectionRequest
{
    partial void ValidateRules(ValidationContext context)
    {
        SharedRuleChecks.CheckBaseDateNotAfterDocument(context, Correction?.CorrectionInfo?.BaseDate, Timestamp, "Дата корректируемого расчёта позже даты документа (timestamp)");
    }
}

public sealed partial record Buyer
{
    partial void ValidateRules(ValidationContext context)
    {
        SharedRuleChecks.WarnNone(context, "email", 1008, Email);
        SharedRuleChecks.WarnNone(context, "phone", 1008, Phone);
        SharedRuleChecks.CheckDate(context, "birthdate", 1243, Birthdate);
        bool anyIdentity = Name is not null || Inn is not null || Birthdate is not null || Citizenship is not null
            || DocumentCode is not null || DocumentData is not null || Address is not null;
        if (anyIdentity && (Name is null || (Inn is null && (DocumentCode is null || DocumentData is null))))
        {
            context.Add(null, CrossFieldRuleCodes.BuyerIdentityComplete, 1256, ValidationSeverity.Warning,
                "Сведения о покупателе (1256) по ФФД 1.2: наименование (name) и ИНН (inn) либо вид и данные документа (document_code, document_data)");
        }
    }
}

public sealed partial record Company
{
    partial void ValidateRules(ValidationContext context) => SharedRuleChecks.WarnNone(context, "email", 1117, Email);
}

public sealed partial record MarkQuantity
{
    partial void ValidateRules(ValidationContext context)
    {
        // The service profile judges only what ATOL refuses up front (ValidationContext.ServiceRefuses); the rest is
        // the register's business and is not even computed.
        if (context.IsService)
        {
            return;
        }

        if (Numerator >= Denominator)
        {
            context.Add("numerator", CrossFieldRuleCodes.MarkQuantityProperFraction, 1293, ValidationSeverity.Error,
                $"Числитель дробного количества ({Numerator}) должен быть меньше знаменателя ({Denominator})");
        }
    }
}
