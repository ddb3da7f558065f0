using AtolOnline.Internal;
using AtolOnline.Money;

namespace AtolOnline.V4;

// Money helpers of v4: every sum a document needs, computed with the arithmetic the rules use (Internal/MoneyArithmetic).

public sealed partial record Item
{
    /// <summary>The item sum v4 wants: price × quantity rounded to kopecks, half away from zero (the register rounds it so).</summary>
    /// <param name="price">Unit price in roubles, discounts included.</param>
    /// <param name="quantity">Quantity or weight.</param>
    /// <returns>The sum.</returns>
    public static decimal SumOf(decimal price, decimal quantity) => MoneyArithmetic.V4ItemSum(price, quantity);

    /// <summary>
    /// An item with its <see cref="Sum"/> (<see cref="SumOf"/>) and its VAT amount (<see cref="ItemVat.For"/>) computed;
    /// set anything else with <c>with { ... }</c>.
    /// </summary>
    /// <param name="name">Item name.</param>
    /// <param name="price">Unit price in roubles, discounts included.</param>
    /// <param name="quantity">Quantity or weight.</param>
    /// <param name="vat">VAT rate.</param>
    /// <param name="paymentMethod">Payment method (full payment, prepayment ...).</param>
    /// <param name="paymentObject">Subject of the settlement (commodity, service ...).</param>
    /// <returns>The item.</returns>
    public static Item Create(string name, decimal price, decimal quantity, VatType vat, PaymentMethod paymentMethod, PaymentObject paymentObject)
    {
        decimal sum = SumOf(price, quantity);
        return new Item
        {
            Name = name,
            Price = price,
            Quantity = quantity,
            Sum = sum,
            PaymentMethod = paymentMethod,
            PaymentObject = paymentObject,
            Vat = ItemVat.For(vat, sum),
        };
    }

    /// <summary>This item with <see cref="Sum"/> and the VAT amount recomputed from its price, quantity and VAT rate (after a <c>with</c> that changed them).</summary>
    /// <returns>The item with consistent sums.</returns>
    public Item WithComputedSums()
    {
        decimal sum = SumOf(Price, Quantity);
        return this with { Sum = sum, Vat = ItemVat.For(Vat.Type, sum) };
    }

    /// <summary>The receipt total: the sum of the items' sums.</summary>
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
    /// One document-level VAT total: for a VAT rate the VAT contained in <paramref name="settlementAmount"/>; for vat0 and
    /// none the settlement amount itself, which is what those entries carry (FFD tags 1104 and 1105).
    /// </summary>
    /// <param name="type">VAT rate.</param>
    /// <param name="settlementAmount">The amount settled at that rate.</param>
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
}

public sealed partial record Payment
{
    /// <summary>The receipt paid in full by one payment type: a payment of <paramref name="type"/> for the items' total.</summary>
    /// <param name="type">How the buyer paid (cash, cashless, prepayment ...).</param>
    /// <param name="items">The receipt's items.</param>
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

    /// <summary>
    /// This receipt with <see cref="Vats"/> computed from its items (<see cref="Vat.ForItems"/>) and the items' own VAT
    /// amounts removed (given both, the service uses only vats).
    /// </summary>
    /// <returns>The receipt.</returns>
    /// <exception cref="ArgumentException">The items use more than 6 rates.</exception>
    public Receipt WithReceiptVats()
    {
        var items = new Item[Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = Items[i] with { Vat = Items[i].Vat with { Sum = null } };
        }

        return this with { Vats = Vat.ForItems(Items), Items = items };
    }
}

public sealed partial record Correction
{
    /// <summary>
    /// A v4 correction (v4 corrections carry no items) of <paramref name="amount"/> at one VAT rate, paid in full by
    /// <paramref name="paidBy"/>, with its <see cref="Vats"/> entry computed (<see cref="Vat.For"/>).
    /// </summary>
    /// <param name="company">The seller.</param>
    /// <param name="correctionInfo">Type, base date and base number of the correction.</param>
    /// <param name="amount">The corrected settlement amount.</param>
    /// <param name="vat">Its VAT rate.</param>
    /// <param name="paidBy">How the amount was paid.</param>
    /// <returns>The correction.</returns>
    public static Correction Create(CorrectionCompany company, CorrectionInfo correctionInfo, decimal amount, VatType vat, PaymentType paidBy) => new()
    {
        Company = company,
        CorrectionInfo = correctionInfo,
        Payments = [new CorrectionPayment { Type = paidBy, Sum = amount }],
        Vats = [Vat.For(vat, amount)],
    };
}
