using AtolOnline.Internal;
using AtolOnline.Validation;

namespace AtolOnline.V5;

/// <summary>Item-level cross-field rules of v5 (schemas/v5/NOTES.md §2).</summary>
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

        if (Sum != amount)
        {
            context.Add("sum", CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity, 1043, ValidationSeverity.Error,
                $"Сумма позиции {SharedRuleChecks.Money(Sum)} не равна цене × количество = {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (AgentInfo?.Type is AgentType.BankPayingAgent or AgentType.BankPayingSubagent or AgentType.PayingAgent or AgentType.PayingSubagent
            && SupplierInfo is { } supplier && (supplier.Name is null || supplier.Phones is not { Count: > 0 }))
        {
            context.Add("supplier_info", CrossFieldRuleCodes.SupplierNameAndPhonesForPayingAgents, 1225, ValidationSeverity.Error,
                "Для платёжного (банковского платёжного) агента или субагента укажите наименование и телефоны поставщика");
        }

        bool markedWithCode = PaymentObject is PaymentObject.MarkedExciseWithCode or PaymentObject.MarkedCommodityWithCode;
        if (MarkQuantity is not null && (Measure != MeasureUnit.Piece || MarkCode is null))
        {
            context.Add("mark_quantity", CrossFieldRuleCodes.MarkQuantityOnlyForPieceMarkedGoods, 1291, ValidationSeverity.Error,
                "Дробное количество (mark_quantity) передаётся только для маркированного товара в штуках (measure = 0)");
        }

        if (MarkProcessingMode is not null && MarkCode is null)
        {
            context.Add("mark_code", CrossFieldRuleCodes.MarkProcessingModeRequiresMarkCode, 1163, ValidationSeverity.Error,
                "Режим обработки кода маркировки (mark_processing_mode) передан без кода маркировки (mark_code)");
        }

        if (markedWithCode && (MarkCode is null || MarkProcessingMode is null))
        {
            context.Add(MarkCode is null ? "mark_code" : "mark_processing_mode", CrossFieldRuleCodes.MarkedPaymentObjectRequiresMarkCode, MarkCode is null ? 1163 : 2102, ValidationSeverity.Error,
                "Для маркированного товара с кодом (payment_object 31 или 33) нужны mark_code и mark_processing_mode");
        }

        // NOTES §2: a mark_processing_mode with a payment_object other than 31/33 is inconsistent whether or not a
        // mark_code is present (without one, MarkProcessingModeRequiresMarkCode is reported as well).
        bool withoutCode = PaymentObject is PaymentObject.MarkedExciseWithoutCode or PaymentObject.MarkedCommodityWithoutCode;
        if ((MarkProcessingMode is not null && !markedWithCode)
            || (MarkCode is { } code && (withoutCode || (markedWithCode && code.Gs10 is not null))))
        {
            context.Add("payment_object", CrossFieldRuleCodes.MarkCodeMatchesPaymentObject, 1212, ValidationSeverity.Warning,
                "Данные маркировки не соответствуют признаку предмета расчёта (payment_object)");
        }

        if (MarkCode is { } mark)
        {
            if ((mark.Gs1m is not null || mark.Short is not null) && PlannedStatus is null)
            {
                context.Add("planned_status", CrossFieldRuleCodes.PlannedStatusForGs1mAndShort, 2003, ValidationSeverity.Warning,
                    "Для кода gs1m или short укажите планируемый статус товара (planned_status)");
            }
        }

        if (Wholesale == true)
        {
            if (MarkCode is null || !HasCrptMrk(SectoralItemProps))
            {
                context.Add("sectoral_item_props", CrossFieldRuleCodes.WholesaleRequiresCrptMrk, 1265, ValidationSeverity.Error,
                    "При объёмно-сортовом учёте (wholesale) нужны код маркировки и значение «crpt=mrk» в sectoral_item_props");
            }

            if (Quantity <= 1)
            {
                context.Add("quantity", CrossFieldRuleCodes.WholesaleQuantityAboveOne, 1023, ValidationSeverity.Warning,
                    "При объёмно-сортовом учёте ожидается количество больше 1");
            }
        }

        if (PaymentObject is PaymentObject.Excise or PaymentObject.MarkedExciseWithoutCode or PaymentObject.MarkedExciseWithCode && Excise is null)
        {
            context.Add("excise", CrossFieldRuleCodes.ExciseAmountForExciseGoods, 1229, ValidationSeverity.Warning,
                "Подакцизный товар без суммы акциза: касса может отклонить чек (ошибка 265)");
        }
    }

    private static bool HasCrptMrk(IReadOnlyList<SectoralProps>? props)
    {
        if (props is null)
        {
            return false;
        }

        for (int i = 0; i < props.Count; i++)
        {
            if (props[i]?.Value is { } value && value.Contains("crpt=mrk", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
