namespace AtolOnline.Internal;

/// <summary>
/// The money arithmetic the cross-field rules and the money helpers share, so that a computed document always passes the
/// rules: decimal only, rounding half away from zero to kopecks (schemas/DECISIONS.md, numeric limits).
/// </summary>
internal static class MoneyArithmetic
{
    /// <summary>Rounds to kopecks, half away from zero (0.005 → 0.01, −0.005 → −0.01).</summary>
    public static decimal RoundToKopecks(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>The item's cost before any rounding: price × quantity (what v5 wants as the sum, exactly).</summary>
    public static decimal ItemAmount(decimal price, decimal quantity) => price * quantity;

    /// <summary>The v4 item sum: price × quantity rounded to kopecks (the register rounds it so).</summary>
    public static decimal V4ItemSum(decimal price, decimal quantity) => RoundToKopecks(ItemAmount(price, quantity));

    /// <summary>Whether <paramref name="amount"/> is a whole number of kopecks.</summary>
    public static bool IsWholeKopecks(decimal amount) => amount == RoundToKopecks(amount);

    /// <summary>
    /// The VAT contained in <paramref name="amount"/> (prices include VAT) at <paramref name="percent"/>: amount ×
    /// percent / (100 + percent), rounded to kopecks; 0 for 0 %.
    /// </summary>
    public static decimal VatIncluded(decimal amount, int percent) =>
        percent == 0 ? 0m : RoundToKopecks(amount * percent / (100 + percent));
}
