using System.Globalization;
using AtolOnline.Money;
using AtolOnline.Protocol;
using AtolOnline.Validation;
using V4 = AtolOnline.V4;
using V5 = AtolOnline.V5;

namespace AtolOnline.Core.Tests;

/// <summary>The money helpers on fixed cases: every VAT rate, the rounding, the v4/v5 item sums, and what bad input gets.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData(V5.VatType.Vat20, "120.00", "20.00")]
    [InlineData(V5.VatType.Vat120, "120.00", "20.00")]
    [InlineData(V5.VatType.Vat10, "110.00", "10.00")]
    [InlineData(V5.VatType.Vat110, "110.00", "10.00")]
    [InlineData(V5.VatType.Vat5, "105.00", "5.00")]
    [InlineData(V5.VatType.Vat105, "105.00", "5.00")]
    [InlineData(V5.VatType.Vat7, "107.00", "7.00")]
    [InlineData(V5.VatType.Vat107, "107.00", "7.00")]
    [InlineData(V5.VatType.Vat22, "122.00", "22.00")]
    [InlineData(V5.VatType.Vat122, "122.00", "22.00")]
    [InlineData(V5.VatType.Vat22, "2500.00", "450.82")] // 450.819...
    [InlineData(V5.VatType.Vat20, "1.05", "0.18")] // exactly 0.175: half away from zero
    [InlineData(V5.VatType.Vat20, "0.03", "0.01")] // exactly 0.005
    [InlineData(V5.VatType.Vat20, "-1.05", "-0.18")] // away from zero, not up
    [InlineData(V5.VatType.Vat10, "1.00", "0.09")] // 0.0909...
    [InlineData(V5.VatType.Vat7, "100.00", "6.54")] // 6.5420...
    [InlineData(V5.VatType.Vat0, "1000.00", "0")]
    [InlineData(V5.VatType.None, "1000.00", "0")]
    public void Vat_amount_of_every_v5_rate_is_the_contained_vat_rounded_half_away_from_zero(V5.VatType rate, string amount, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), AtolMoney.VatAmount(rate, decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(V4.VatType.Vat20, "120.00", "20.00")]
    [InlineData(V4.VatType.Vat120, "120.00", "20.00")]
    [InlineData(V4.VatType.Vat10, "110.00", "10.00")]
    [InlineData(V4.VatType.Vat110, "110.00", "10.00")]
    [InlineData(V4.VatType.Vat5, "105.00", "5.00")]
    [InlineData(V4.VatType.Vat105, "105.00", "5.00")]
    [InlineData(V4.VatType.Vat7, "107.00", "7.00")]
    [InlineData(V4.VatType.Vat107, "107.00", "7.00")]
    [InlineData(V4.VatType.Vat22, "122.00", "22.00")]
    [InlineData(V4.VatType.Vat122, "122.00", "22.00")]
    [InlineData(V4.VatType.Vat18, "118.00", "18.00")]
    [InlineData(V4.VatType.Vat118, "118.00", "18.00")]
    [InlineData(V4.VatType.Vat20, "1.05", "0.18")]
    [InlineData(V4.VatType.Vat0, "1000.00", "0")]
    [InlineData(V4.VatType.None, "1000.00", "0")]
    public void Vat_amount_of_every_v4_rate_is_the_contained_vat_rounded_half_away_from_zero(V4.VatType rate, string amount, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), AtolMoney.VatAmount(rate, decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Every_wire_rate_has_a_percentage_and_an_unknown_rate_is_refused()
    {
        foreach (var rate in Enum.GetValues<V5.VatType>().Where(V5.VatTypeWire.IsDefined))
        {
            Assert.Contains(AtolMoney.VatPercent(rate), new[] { 0, 5, 7, 10, 20, 22 });
        }

        foreach (var rate in Enum.GetValues<V4.VatType>().Where(V4.VatTypeWire.IsDefined))
        {
            Assert.Contains(AtolMoney.VatPercent(rate), new[] { 0, 5, 7, 10, 18, 20, 22 });
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => AtolMoney.VatAmount((V5.VatType)99, 100m));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtolMoney.VatAmount((V4.VatType)99, 100m));
    }

    [Fact]
    public void Rounding_to_kopecks_is_half_away_from_zero()
    {
        Assert.Equal(1.01m, AtolMoney.RoundToKopecks(1.005m));
        Assert.Equal(-1.01m, AtolMoney.RoundToKopecks(-1.005m));
        Assert.Equal(1.00m, AtolMoney.RoundToKopecks(1.0049m));
        Assert.Equal(2.50m, AtolMoney.RoundToKopecks(2.5m));
    }

    [Fact]
    public void V5_item_sum_is_exact_and_a_product_that_is_not_whole_kopecks_is_refused_with_a_clear_error()
    {
        Assert.Equal(2500.00m, V5.Item.SumOf(1250.00m, 2));
        Assert.Equal(0.25m, V5.Item.SumOf(1.00m, 0.25m));
        var error = Assert.Throws<ArgumentException>(() => V5.Item.SumOf(10.01m, 0.333m));
        Assert.Contains("3.33333", error.Message, StringComparison.Ordinal);
        Assert.Contains("exactly", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => V5.Item.Create("x", 0.01m, 0.5m, V5.VatType.Vat22, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity));
    }

    [Fact]
    public void V4_item_sum_is_rounded_to_kopecks_as_the_v4_rule_expects()
    {
        Assert.Equal(3.33m, V4.Item.SumOf(10.01m, 0.333m));
        Assert.Equal(0.01m, V4.Item.SumOf(0.01m, 0.5m)); // 0.005 → 0.01

        var computed = V4.Item.Create("Сыр весовой", 10.01m, 0.333m, V4.VatType.Vat10, V4.PaymentMethod.FullPayment, V4.PaymentObject.Commodity);
        Assert.True(computed.Validate().IsValid, string.Join("\n", computed.Validate().Violations));
        // A kopeck off is what the rule refuses: the helper and the rule agree on the same arithmetic.
        var off = computed with { Sum = computed.Sum + 0.01m };
        Assert.Contains(off.Validate().Violations, v => v.Code == nameof(CrossFieldRuleCodes.ItemSumEqualsPriceTimesQuantity));
    }

    [Fact]
    public void Item_create_computes_sum_and_item_vat_and_with_computed_sums_follows_a_changed_quantity()
    {
        var coffee = V5.Item.Create("Кофе в зёрнах 1 кг", 1250.00m, 2, V5.VatType.Vat22, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity);
        Assert.Equal(2500.00m, coffee.Sum);
        Assert.Equal(new V5.ItemVat { Type = V5.VatType.Vat22, Sum = 450.82m }, coffee.Vat);
        Assert.Equal(V5.MeasureUnit.Piece, coffee.Measure);

        var three = (coffee with { Quantity = 3 }).WithComputedSums();
        Assert.Equal(3750.00m, three.Sum);
        Assert.Equal(676.23m, three.Vat.Sum); // 676.229...
    }

    [Fact]
    public void Receipt_level_vats_sum_the_items_per_rate_and_carry_the_settlement_amount_for_vat0_and_none()
    {
        V5.Item[] items =
        [
            V5.Item.Create("a", 100.00m, 1, V5.VatType.Vat22, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity),
            V5.Item.Create("b", 50.00m, 1, V5.VatType.None, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity),
            V5.Item.Create("c", 22.00m, 1, V5.VatType.Vat22, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity),
            V5.Item.Create("d", 10.00m, 1, V5.VatType.Vat0, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity),
        ];

        var vats = V5.Vat.ForItems(items);
        Assert.Equal(
            [new V5.Vat { Type = V5.VatType.Vat22, Sum = 22.00m }, new V5.Vat { Type = V5.VatType.None, Sum = 50.00m }, new V5.Vat { Type = V5.VatType.Vat0, Sum = 10.00m }],
            vats);
        Assert.Equal(182.00m, V5.Item.TotalOf(items));
        Assert.Equal(new V5.Payment { Type = V5.PaymentType.Cash, Sum = 182.00m }, V5.Payment.InFull(V5.PaymentType.Cash, items));
    }

    [Fact]
    public void More_than_six_rates_cannot_be_receipt_level_vats_and_say_so()
    {
        V5.VatType[] rates = [V5.VatType.None, V5.VatType.Vat0, V5.VatType.Vat10, V5.VatType.Vat110, V5.VatType.Vat5, V5.VatType.Vat7, V5.VatType.Vat105];
        var items = rates.Select(r => V5.Item.Create("x", 10m, 1, r, V5.PaymentMethod.FullPayment, V5.PaymentObject.Commodity)).ToArray();
        var error = Assert.Throws<ArgumentException>(() => V5.Vat.ForItems(items));
        Assert.Contains("7 VAT rates", error.Message, StringComparison.Ordinal);

        var receipt = V5.Receipt.Create(new V5.Buyer { Email = "a@b.ru" }, MoneyPropertyTests.V5Company, items, V5.PaymentType.Cash);
        Assert.Throws<ArgumentException>(receipt.WithReceiptVats);
        Assert.True(receipt.Validate().IsValid); // with the VAT on the items the same receipt is fine
    }

    [Fact]
    public void A_null_item_is_an_argument_error_not_a_null_reference()
    {
        V5.Item[] items = [null!];
        Assert.Throws<ArgumentException>(() => V5.Item.TotalOf(items));
        Assert.Throws<ArgumentException>(() => V5.Vat.ForItems(items));
        Assert.Throws<ArgumentNullException>(() => V4.Item.TotalOf(null!));
    }

    [Fact]
    public void V4_correction_carries_the_vat_of_its_amount_and_is_paid_in_full()
    {
        var correction = V4.Correction.Create(
            new V4.CorrectionCompany { Sno = V4.TaxationSystem.Osn, Inn = AtolTestAccount.TestInn, PaymentAddress = AtolTestAccount.V4.PaymentAddress },
            new V4.CorrectionInfo { Type = V4.CorrectionType.Self, BaseDate = new DateOnly(2026, 11, 27), BaseNumber = "б/н" },
            1220.00m, V4.VatType.Vat22, V4.PaymentType.Cash);
        Assert.Equal([new V4.CorrectionPayment { Type = V4.PaymentType.Cash, Sum = 1220.00m }], correction.Payments);
        Assert.Equal([new V4.Vat { Type = V4.VatType.Vat22, Sum = 220.00m }], correction.Vats);
        Assert.True(correction.Validate().IsValid, string.Join("\n", correction.Validate().Violations));
    }

    [Fact]
    public void Test_accounts_are_atols_published_ones()
    {
        Assert.Equal("5544332219", AtolTestAccount.TestInn);
        Assert.Equal(("v4-online-atol-ru", "v4-online-atol-ru_4179", "https://v4.online.atol.ru", AtolProtocolVersion.V4),
            (AtolTestAccount.V4.Login, AtolTestAccount.V4.GroupCode, AtolTestAccount.V4.PaymentAddress, AtolTestAccount.V4.ProtocolVersion));
        Assert.Equal(("v5-online-atol-ru", "v5-online-atol-ru_5179", "https://v5.online.atol.ru", AtolProtocolVersion.V5),
            (AtolTestAccount.V5.Login, AtolTestAccount.V5.GroupCode, AtolTestAccount.V5.PaymentAddress, AtolTestAccount.V5.ProtocolVersion));
        Assert.Same(AtolTestAccount.V4, AtolTestAccount.For(AtolProtocolVersion.V4));
        Assert.Same(AtolTestAccount.V5, AtolTestAccount.For(AtolProtocolVersion.V5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtolTestAccount.For((AtolProtocolVersion)3));
        Assert.DoesNotContain(AtolTestAccount.V5.Password, AtolTestAccount.V5.ToString(), StringComparison.Ordinal);
    }
}
