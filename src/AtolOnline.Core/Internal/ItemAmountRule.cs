using AtolOnline.Validation;

namespace AtolOnline.Internal;

/// <summary>
/// The item rule v4 and v5 share word for word: price × quantity within the register's limit (tag 1043). The sum
/// check that follows it differs per version (v4 rounds the product to kopecks, v5 wants it exact), so it stays there.
/// </summary>
internal static class ItemAmountRule
{
    /// <summary>Reports an amount over <see cref="SharedRuleChecks.MaxAmount"/> and returns price × quantity.</summary>
    public static decimal Check(ValidationContext context, decimal price, decimal quantity)
    {
        decimal amount = MoneyArithmetic.ItemAmount(price, quantity);
        if (amount > SharedRuleChecks.MaxAmount)
        {
            context.Add("sum", CrossFieldRuleCodes.ItemAmountWithinLimit, 1043, ValidationSeverity.Error,
                $"Стоимость позиции (цена × количество = {SharedRuleChecks.Money(amount)}) больше максимальной {SharedRuleChecks.Money(SharedRuleChecks.MaxAmount)}");
        }

        return amount;
    }
}
