using AtolOnline.Core.Tests.SchemaDriven;
using FsCheck;
using FsCheck.Fluent;
using AtolOnline.Validation;
using AtolOnline.Protocol;
using V4 = AtolOnline.V4;
using V5 = AtolOnline.V5;

namespace AtolOnline.Core.Tests;

/// <summary>
/// Documents computed by the money helpers from random items and rates: every one passes <c>Validate()</c> without a
/// single violation, and its sums are checked against an independent oracle in whole kopecks (integer arithmetic), so
/// the helpers are not judged only by the arithmetic they share with the rules.
/// </summary>
public sealed class MoneyPropertyTests
{
    private const int Tests = 400;

    internal static V5.Company V5Company { get; } = new()
    {
        Email = "shop@example.ru", Sno = V5.TaxationSystem.Osn, Inn = AtolTestAccount.TestInn, PaymentAddress = AtolTestAccount.V5.PaymentAddress,
    };

    private static readonly V5.VatType[] V5Common = [V5.VatType.None, V5.VatType.Vat0, V5.VatType.Vat10, V5.VatType.Vat110, V5.VatType.Vat5, V5.VatType.Vat7, V5.VatType.Vat105, V5.VatType.Vat107];
    private static readonly V4.VatType[] V4Common = [V4.VatType.None, V4.VatType.Vat0, V4.VatType.Vat10, V4.VatType.Vat110, V4.VatType.Vat5, V4.VatType.Vat7, V4.VatType.Vat105, V4.VatType.Vat107];

    /// <summary>One random document: its rates (one VAT family, at most 6 rates), its items and how it is paid.</summary>
    public sealed record MoneyCase(int Seed, int Items, bool ReceiptVats, int PaidBy)
    {
        public override string ToString() => $"seed {Seed}, {Items} items, receipt vats {ReceiptVats}, paid by {PaidBy}";
    }

    private static Arbitrary<MoneyCase> Cases() =>
        Gen.Zip(Gen.Zip(Gen.Choose(0, int.MaxValue - 1), Gen.Choose(1, 12)), Gen.Zip(Gen.Elements(false, true), Gen.Choose(0, 4)))
            .Select(t => new MoneyCase(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ToArbitrary();

    [Fact]
    public void Computed_v5_receipts_and_corrections_pass_validation_and_every_sum_rule()
    {
        PropertyRun.Check(Prop.ForAll(Cases(), c =>
        {
            var random = new Random(c.Seed);
            var rates = Rates(random, V5Common, random.Next(2) == 0 ? [V5.VatType.Vat20, V5.VatType.Vat120] : [V5.VatType.Vat22, V5.VatType.Vat122]);
            var items = new V5.Item[c.Items];
            for (int i = 0; i < items.Length; i++)
            {
                // Whole-kopeck products only (v5 wants price × quantity exactly): whole quantities with any price, or
                // eighths of a kilogram with a price in multiples of 8 kopecks.
                bool weighed = random.Next(2) == 0;
                decimal quantity = weighed ? random.Next(1, 401) * 0.125m : random.Next(1, 21);
                decimal price = weighed ? random.Next(1, 600_001) * 0.08m : random.Next(1, 5_000_001) * 0.01m;
                items[i] = V5.Item.Create("Товар " + i, price, quantity, rates[random.Next(rates.Length)], V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity,
                    weighed ? V5.MeasureUnit.Kilogram : V5.MeasureUnit.Piece);
            }

            var paidBy = (V5.PaymentType)c.PaidBy;
            var receipt = V5.Receipt.Create(new V5.Buyer { Email = "buyer@example.ru" }, V5Company, items, paidBy);
            var correction = V5.Correction.Create(new V5.CorrectionInfo { Type = V5.CorrectionType.Self, BaseDate = new DateOnly(2026, 11, 27) }, V5Company, items, paidBy);
            if (c.ReceiptVats)
            {
                receipt = receipt.WithReceiptVats();
                correction = correction.WithReceiptVats();
            }

            var request = new V5.ReceiptRequest { ExternalId = "money-" + c.Seed, Timestamp = new DateTime(2026, 11, 28, 12, 0, 0), Receipt = receipt };
            var correctionRequest = new V5.CorrectionRequest { ExternalId = "money-corr-" + c.Seed, Timestamp = new DateTime(2026, 11, 28, 12, 5, 0), Correction = correction };
            AssertNoViolations(request.Validate(), c);
            AssertNoViolations(correctionRequest.Validate(), c);

            foreach (var (documentItems, vats, payments, total) in new[]
            {
                (receipt.Items, receipt.Vats, receipt.Payments.Select(p => p.Sum).ToArray(), receipt.Total),
                (correction.Items, correction.Vats, correction.Payments.Select(p => p.Sum).ToArray(), correction.Total),
            })
            {
                long totalKopecks = 0;
                var bases = new Dictionary<V5.VatType, long>();
                for (int i = 0; i < documentItems.Count; i++)
                {
                    var item = documentItems[i];
                    Assert.Equal(items[i].Price * items[i].Quantity, item.Sum); // v5: exactly
                    long sum = Kopecks(item.Sum);
                    totalKopecks += sum;
                    bases[item.Vat.Type] = bases.GetValueOrDefault(item.Vat.Type) + sum;
                    Assert.Equal(c.ReceiptVats ? null : (long?)OracleVat(sum, AtolOnline.Money.AtolMoney.VatPercent(item.Vat.Type)), item.Vat.Sum is { } v ? Kopecks(v) : (long?)null);
                }

                Assert.Equal(totalKopecks, Kopecks(total));
                Assert.Equal(totalKopecks, payments.Sum(Kopecks));
                Assert.Equal(c.ReceiptVats, vats is not null);
                if (vats is not null)
                {
                    Assert.Equal(bases.Count, vats.Count);
                    foreach (var vat in vats)
                    {
                        int percent = AtolOnline.Money.AtolMoney.VatPercent(vat.Type);
                        Assert.Equal(percent == 0 ? bases[vat.Type] : OracleVat(bases[vat.Type], percent), Kopecks(vat.Sum));
                    }
                }
            }
        }), Tests);
    }

    [Fact]
    public void Computed_v4_receipts_and_corrections_pass_validation_and_every_sum_rule()
    {
        PropertyRun.Check(Prop.ForAll(Cases(), c =>
        {
            var random = new Random(c.Seed);
            var rates = Rates(random, V4Common, random.Next(2) == 0 ? [V4.VatType.Vat20, V4.VatType.Vat120] : [V4.VatType.Vat22, V4.VatType.Vat122]);
            var items = new V4.Item[c.Items];
            var thousandths = new long[c.Items];
            var priceKopecks = new long[c.Items];
            for (int i = 0; i < items.Length; i++)
            {
                // Any quantity: v4 rounds price × quantity to kopecks.
                thousandths[i] = random.Next(1, 100_000);
                priceKopecks[i] = random.Next(1, 4_000_001);
                items[i] = V4.Item.Create("Товар " + i, priceKopecks[i] * 0.01m, thousandths[i] * 0.001m, rates[random.Next(rates.Length)], V4.PaymentMethod.FullPayment, V4.PaymentObject.Commodity);
            }

            var paidBy = (V4.PaymentType)c.PaidBy;
            var receipt = V4.Receipt.Create(new V4.Buyer { Email = "buyer@example.ru" },
                new V4.Company { Email = "shop@example.ru", Sno = V4.TaxationSystem.Osn, Inn = AtolTestAccount.TestInn, PaymentAddress = AtolTestAccount.V4.PaymentAddress },
                items, paidBy);
            if (c.ReceiptVats)
            {
                receipt = receipt.WithReceiptVats();
            }

            var request = new V4.ReceiptRequest { ExternalId = "money-" + c.Seed, Timestamp = new DateTime(2026, 11, 28, 12, 0, 0), Receipt = receipt };
            AssertNoViolations(request.Validate(V4Profile, "sell"), c);

            long totalKopecks = 0;
            var bases = new Dictionary<V4.VatType, long>();
            for (int i = 0; i < items.Length; i++)
            {
                var item = receipt.Items[i];
                long sum = ((2 * priceKopecks[i] * thousandths[i]) + 1000) / 2000; // half away from zero, in kopecks
                Assert.Equal(sum, Kopecks(item.Sum));
                totalKopecks += sum;
                bases[item.Vat.Type] = bases.GetValueOrDefault(item.Vat.Type) + sum;
                Assert.Equal(c.ReceiptVats ? null : (long?)OracleVat(sum, AtolOnline.Money.AtolMoney.VatPercent(item.Vat.Type)), item.Vat.Sum is { } v ? Kopecks(v) : (long?)null);
            }

            Assert.Equal(totalKopecks, Kopecks(receipt.Total));
            Assert.Equal(totalKopecks, receipt.Payments.Sum(p => Kopecks(p.Sum)));
            if (receipt.Vats is { } vats)
            {
                foreach (var vat in vats)
                {
                    int percent = AtolOnline.Money.AtolMoney.VatPercent(vat.Type);
                    Assert.Equal(percent == 0 ? bases[vat.Type] : OracleVat(bases[vat.Type], percent), Kopecks(vat.Sum));
                }
            }

            var rate = rates[random.Next(rates.Length)];
            long amount = random.Next(1, 100_000_000);
            var correction = V4.Correction.Create(
                new V4.CorrectionCompany { Sno = V4.TaxationSystem.Osn, Inn = AtolTestAccount.TestInn, PaymentAddress = AtolTestAccount.V4.PaymentAddress },
                new V4.CorrectionInfo { Type = V4.CorrectionType.Self, BaseDate = new DateOnly(2026, 11, 27), BaseNumber = "б/н" },
                amount * 0.01m, rate, paidBy);
            AssertNoViolations(new V4.CorrectionRequest { ExternalId = "money-corr-" + c.Seed, Timestamp = new DateTime(2026, 11, 28, 12, 5, 0), Correction = correction }.Validate(V4Profile, "sell_correction"), c);
            int correctionPercent = AtolOnline.Money.AtolMoney.VatPercent(rate);
            Assert.Equal(correctionPercent == 0 ? amount : OracleVat(amount, correctionPercent), Kopecks(Assert.Single(correction.Vats).Sum));
            Assert.Equal(amount, Kopecks(Assert.Single(correction.Payments).Sum));
        }), Tests);
    }

    private const ValidationProfile V4Profile = ValidationProfile.Safe;

    private static T[] Rates<T>(Random random, T[] common, T[] family)
    {
        T[] pool = [.. common, .. family];
        random.Shuffle(pool);
        return pool[..random.Next(1, 7)];
    }

    /// <summary>VAT contained in <paramref name="kopecks"/> at <paramref name="percent"/>, in kopecks, rounded half away from zero with integers only.</summary>
    private static long OracleVat(long kopecks, int percent) =>
        percent == 0 ? 0 : ((2 * kopecks * percent) + 100 + percent) / (2 * (100 + percent));

    private static long Kopecks(decimal amount)
    {
        Assert.Equal(decimal.Truncate(amount * 100), amount * 100); // whole kopecks
        return (long)(amount * 100);
    }

    private static void AssertNoViolations(ValidationResult result, MoneyCase c) =>
        Assert.True(result.Violations.Count == 0, $"{c}:\n{string.Join("\n", result.Violations)}");
}
