using System.Globalization;
using AtolOnline.Internal;
using AtolOnline.Money;

namespace AtolOnline.V5;

// Money helpers of v5: every sum a document needs, computed with the arithmetic the rules use (Internal/MoneyArithmetic).

public sealed partial record Item
{
    /// <summary>
    /// The item sum v5 wants: exactly price × quantity (the service does not round it). Choose a price and quantity whose
    /// product is whole kopecks (a weighed good: a price per kg that makes the product exact, or the item's total as price
    /// with quantity 1).
    /// </summary>
    /// <param name="price">Unit price in roubles, discounts included.</param>
    /// <param name="quantity">Quantity.</param>
    /// <returns>price × quantity.</returns>
    /// <exception cref="ArgumentException">price × quantity is not a whole number of kopecks: no sum would pass validation.</exception>
    public static decimal SumOf(decimal price, decimal quantity)
    {
        decimal amount = MoneyArithmetic.ItemAmount(price, quantity);
        if (!MoneyArithmetic.IsWholeKopecks(amount))
        {
            throw new ArgumentException(
                $"price × quantity = {amount.ToString(CultureInfo.InvariantCulture)} is not whole kopecks; v5 needs the item sum to equal price × quantity exactly: change the price or the quantity (or send the item's total as price with quantity 1).",
                nameof(quantity));
        }

        return amount;
    }

    /// <summary>
    /// An item with its <see cref="Sum"/> (<see cref="SumOf"/>) and its VAT amount (<see cref="ItemVat.For"/>) computed;
    /// set anything else with <c>with { ... }</c>.
    /// </summary>
    /// <param name="name">Item name.</param>
    /// <param name="price">Unit price in roubles, discounts included.</param>
    /// <param name="quantity">Quantity.</param>
    /// <param name="vat">VAT rate.</param>
    /// <param name="paymentMethod">Payment method (full payment, prepayment ...).</param>
    /// <param name="paymentObject">Subject of the settlement (commodity, service ...).</param>
    /// <param name="measure">Unit of the quantity; pieces by default.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException">price × quantity is not whole kopecks.</exception>
    public static Item Create(string name, decimal price, decimal quantity, VatType vat, PaymentMethod paymentMethod, PaymentObject paymentObject, MeasureUnit measure = MeasureUnit.Piece)
    {
        decimal sum = SumOf(price, quantity);
        return new Item
        {
            Name = name,
            Price = price,
            Quantity = quantity,
            Measure = measure,
            Sum = sum,
            PaymentMethod = paymentMethod,
            PaymentObject = paymentObject,
            Vat = ItemVat.For(vat, sum),
        };
    }

    /// <summary>This item with <see cref="Sum"/> and the VAT amount recomputed from its price, quantity and VAT rate (after a <c>with</c> that changed them).</summary>
    /// <returns>The item with consistent sums.</returns>
    /// <exception cref="ArgumentException">price × quantity is not whole kopecks.</exception>
    public Item WithComputedSums()
    {
        decimal sum = SumOf(Price, Quantity);
        return this with { Sum = sum, Vat = ItemVat.For(Vat.Type, sum) };
    }

    /// <summary>The document total: the sum of the items' sums.</summary>
    /// <param name="items">The items.</param>
    /// <returns>Σ items[].sum.</returns>
    public static decimal TotalOf(IReadOnlyList<Item> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        decimal total = 0;
        for (int i = 0; i < items.Count; i++)
        {
            total += (items[i] ?? throw new ArgumentException($"items[{i}] is null.", nameof(items))).Sum;
        }

        return total;
    }
}

public sealed partial record ItemVat
{
    /// <summary>The VAT of an item: its rate and the VAT contained in its sum (<see cref="AtolMoney.VatAmount(VatType, decimal)"/>; 0 for vat0 and none).</summary>
    /// <param name="type">VAT rate.</param>
    /// <param name="itemSum">The item's sum.</param>
    /// <returns>The item VAT.</returns>
    public static ItemVat For(VatType type, decimal itemSum) => new() { Type = type, Sum = AtolMoney.VatAmount(type, itemSum) };
}

public sealed partial record Vat
{
    /// <summary>
    /// One receipt-level VAT total: for a VAT rate the VAT contained in <paramref name="settlementAmount"/>; for vat0 and none
    /// the settlement amount itself, which is what those entries carry (FFD tags 1104 and 1105).
    /// </summary>
    /// <param name="type">VAT rate.</param>
    /// <param name="settlementAmount">The sum of the items at that rate.</param>
    /// <returns>The entry.</returns>
    public static Vat For(VatType type, decimal settlementAmount) =>
        new() { Type = type, Sum = AtolMoney.VatPercent(type) == 0 ? settlementAmount : AtolMoney.VatAmount(type, settlementAmount) };

    /// <summary>
    /// The receipt-level <c>vats</c> of <paramref name="items"/>: one entry per rate, in the order the rates first appear,
    /// each computed by <see cref="For"/> from the sum of the items at that rate (rounded once per rate, as a register
    /// computes the receipt's VAT).
    /// </summary>
    /// <param name="items">The items.</param>
    /// <returns>The entries, at most 6.</returns>
    /// <exception cref="ArgumentException">The items use more than 6 rates (ATOL takes at most 6 entries: give VAT per item instead), or an item or its VAT is null.</exception>
    public static IReadOnlyList<Vat> ForItems(IReadOnlyList<Item> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rates = new List<VatType>(6);
        var bases = new List<decimal>(6);
        for (int i = 0; i < items.Count; i++)
        {
            var vat = items[i]?.Vat ?? throw new ArgumentException($"items[{i}] or its vat is null.", nameof(items));
            int at = rates.IndexOf(vat.Type);
            if (at < 0)
            {
                rates.Add(vat.Type);
                bases.Add(items[i].Sum);
            }
            else
            {
                bases[at] += items[i].Sum;
            }
        }

        if (rates.Count > 6)
        {
            throw new ArgumentException($"The items use {rates.Count} VAT rates; receipt-level vats take at most 6: give the VAT per item instead.", nameof(items));
        }

        var vats = new Vat[rates.Count];
        for (int i = 0; i < vats.Length; i++)
        {
            vats[i] = For(rates[i], bases[i]);
        }

        return vats;
    }

    /// <summary>The items without their item-level VAT amounts, so that the receipt-level vats are the one place the VAT is stated.</summary>
    internal static IReadOnlyList<Item> WithoutItemVatSums(IReadOnlyList<Item> items)
    {
        var copy = new Item[items.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i] with { Vat = items[i].Vat with { Sum = null } };
        }

        return copy;
    }
}

public sealed partial record Payment
{
    /// <summary>The document paid in full by one payment type: a payment of <paramref name="type"/> for the items' total.</summary>
    /// <param name="type">How the buyer paid (cash, cashless, prepayment ...).</param>
    /// <param name="items">The document's items.</param>
    /// <returns>The payment.</returns>
    public static Payment InFull(PaymentType type, IReadOnlyList<Item> items) => new() { Type = type, Sum = Item.TotalOf(items) };
}

public sealed partial record Receipt
{
    /// <summary>
    /// A receipt whose <see cref="Total"/> is the items' total and which is paid in full by <paramref name="paidBy"/>; the
    /// VAT stays on the items (<see cref="Item.Create"/> computed it). Add the rest with <c>with { ... }</c>; for receipt-level
    /// VAT use <see cref="WithReceiptVats"/>.
    /// </summary>
    /// <param name="client">The buyer (e-mail or phone).</param>
    /// <param name="company">The seller.</param>
    /// <param name="items">The items, with their sums.</param>
    /// <param name="paidBy">How the buyer paid the whole total.</param>
    /// <returns>The receipt.</returns>
    public static Receipt Create(Buyer client, Company company, IReadOnlyList<Item> items, PaymentType paidBy) => new()
    {
        Client = client,
        Company = company,
        Items = items,
        Payments = [Payment.InFull(paidBy, items)],
        Total = Item.TotalOf(items),
    };

    /// <summary>This receipt with <see cref="Vats"/> computed from its items (<see cref="Vat.ForItems"/>) and the items' own VAT amounts removed (the service would use only vats).</summary>
    /// <returns>The receipt.</returns>
    /// <exception cref="ArgumentException">The items use more than 6 rates.</exception>
    public Receipt WithReceiptVats() => this with { Vats = Vat.ForItems(Items), Items = Vat.WithoutItemVatSums(Items) };
}

public sealed partial record Correction
{
    /// <summary>
    /// A correction whose <see cref="Total"/> is the items' total and which is paid in full by <paramref name="paidBy"/>; the
    /// VAT stays on the items. Add the rest (client, cashier ...) with <c>with { ... }</c>.
    /// </summary>
    /// <param name="correctionInfo">Type, base date and base number of the correction.</param>
    /// <param name="company">The seller.</param>
    /// <param name="items">The items, with their sums.</param>
    /// <param name="paidBy">How the whole total was paid.</param>
    /// <returns>The correction.</returns>
    public static Correction Create(CorrectionInfo correctionInfo, Company company, IReadOnlyList<Item> items, PaymentType paidBy) => new()
    {
        CorrectionInfo = correctionInfo,
        Company = company,
        Items = items,
        Payments = [Payment.InFull(paidBy, items)],
        Total = Item.TotalOf(items),
    };

    /// <summary>This correction with <see cref="Vats"/> computed from its items (<see cref="Vat.ForItems"/>) and the items' own VAT amounts removed.</summary>
    /// <returns>The correction.</returns>
    /// <exception cref="ArgumentException">The items use more than 6 rates.</exception>
    public Correction WithReceiptVats() => this with { Vats = Vat.ForItems(Items), Items = Vat.WithoutItemVatSums(Items) };
}
