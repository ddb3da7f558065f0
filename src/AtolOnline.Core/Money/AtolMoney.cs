using AtolOnline.Internal;

namespace AtolOnline.Money;

/// <summary>
/// Money arithmetic for ATOL documents: VAT contained in an amount for every rate, and rounding to kopecks half away
/// from zero. The document helpers (<c>Item.Create</c>, <c>Receipt.Create</c>, <c>Vat.ForItems</c> ... of
/// <c>AtolOnline.V4</c> and <c>AtolOnline.V5</c>) use the same arithmetic as the validation rules, so what they compute passes them.
/// </summary>
public static class AtolMoney
{
    /// <summary>Rounds <paramref name="amount"/> to kopecks, half away from zero (1.005 → 1.01).</summary>
    /// <param name="amount">An amount in roubles.</param>
    /// <returns>The amount with at most two decimals.</returns>
    public static decimal RoundToKopecks(decimal amount) => MoneyArithmetic.RoundToKopecks(amount);

    /// <summary>
    /// The VAT contained in <paramref name="amount"/> (Russian retail prices include VAT) at <paramref name="rate"/>:
    /// vat20 and vat120 give amount × 20/120, vat10 and vat110 amount × 10/110, vat5/vat105 × 5/105, vat7/vat107 × 7/107,
    /// vat22/vat122 × 22/122; vat0 and none give 0. Rounded to kopecks, half away from zero.
    /// </summary>
    /// <param name="rate">The VAT rate.</param>
    /// <param name="amount">The settlement amount (an item's sum, or the sum of the items at that rate).</param>
    /// <returns>The VAT amount in roubles.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not a known rate.</exception>
    public static decimal VatAmount(V5.VatType rate, decimal amount) => MoneyArithmetic.VatIncluded(amount, VatPercent(rate));

    /// <summary>
    /// The VAT contained in <paramref name="amount"/> at <paramref name="rate"/> (v4): as the v5 overload, and vat18/vat118
    /// (obsolete) give amount × 18/118.
    /// </summary>
    /// <param name="rate">The VAT rate.</param>
    /// <param name="amount">The settlement amount (an item's sum, or the sum of the items at that rate).</param>
    /// <returns>The VAT amount in roubles.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not a known rate.</exception>
    public static decimal VatAmount(V4.VatType rate, decimal amount) => MoneyArithmetic.VatIncluded(amount, VatPercent(rate));

    /// <summary>The percentage of <paramref name="rate"/>: 20 for vat20 and vat120, 0 for vat0 and none.</summary>
    /// <param name="rate">The VAT rate.</param>
    /// <returns>The percentage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not a known rate.</exception>
    public static int VatPercent(V5.VatType rate) => rate switch
    {
        V5.VatType.None or V5.VatType.Vat0 => 0,
        V5.VatType.Vat5 or V5.VatType.Vat105 => 5,
        V5.VatType.Vat7 or V5.VatType.Vat107 => 7,
        V5.VatType.Vat10 or V5.VatType.Vat110 => 10,
        V5.VatType.Vat20 or V5.VatType.Vat120 => 20,
        V5.VatType.Vat22 or V5.VatType.Vat122 => 22,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "Not a VAT rate of protocol v5."),
    };

    /// <summary>The percentage of <paramref name="rate"/> (v4): 20 for vat20 and vat120, 18 for vat18 and vat118, 0 for vat0 and none.</summary>
    /// <param name="rate">The VAT rate.</param>
    /// <returns>The percentage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not a known rate.</exception>
    public static int VatPercent(V4.VatType rate) => rate switch
    {
        V4.VatType.None or V4.VatType.Vat0 => 0,
        V4.VatType.Vat5 or V4.VatType.Vat105 => 5,
        V4.VatType.Vat7 or V4.VatType.Vat107 => 7,
        V4.VatType.Vat10 or V4.VatType.Vat110 => 10,
        V4.VatType.Vat18 or V4.VatType.Vat118 => 18,
        V4.VatType.Vat20 or V4.VatType.Vat120 => 20,
        V4.VatType.Vat22 or V4.VatType.Vat122 => 22,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "Not a VAT rate of protocol v4."),
    };
}
