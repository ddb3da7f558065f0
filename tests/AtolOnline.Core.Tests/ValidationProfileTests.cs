using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>The safe and the service profile through the public API: unknown and duplicate members, the operation, allocation.</summary>
public sealed class ValidationProfileTests
{
    private static byte[] V4SellJson(string replace = "", string with = "") =>
        Encoding.UTF8.GetBytes(AtolJson.ToJsonString(SampleDocuments.V4Sell(7, 3)).Replace(replace, with, StringComparison.Ordinal));

    [Fact]
    public void A_v4_unknown_member_is_a_warning_saying_ATOL_ignores_it_and_nothing_in_the_service_profile()
    {
        byte[] json = V4SellJson("\"items\":[{", "\"items\":[{\"measure\":0,");
        var safe = AtolJson.Validate<V4.ReceiptRequest>(json, out var document, ValidationProfile.Safe, "sell");
        var unknown = Assert.Single(safe.Violations, v => v.Code == ValidationCodes.UnknownProperty);
        Assert.Equal("receipt.items[0].measure", unknown.Path);
        Assert.Equal(ValidationSeverity.Warning, unknown.Severity);
        Assert.Contains("пропустит", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("v5", unknown.Message, StringComparison.Ordinal);
        Assert.True(safe.IsValid);
        Assert.NotNull(document);

        Assert.Empty(AtolJson.Validate<V4.ReceiptRequest>(json, out _, ValidationProfile.Service, "sell").Violations);

        // Parse (no context) reads it: a warning never throws.
        Assert.Equal(document, AtolJson.Parse<V4.ReceiptRequest>(json));
    }

    [Fact]
    public void A_v5_unknown_member_is_an_error_in_both_profiles()
    {
        byte[] json = Encoding.UTF8.GetBytes(AtolJson.ToJsonString(SampleDocuments.Sell(3, 2)).Replace("\"items\":[{", "\"items\":[{\"measurement_unit\":\"шт\",", StringComparison.Ordinal));
        foreach (var profile in new[] { ValidationProfile.Safe, ValidationProfile.Service })
        {
            var result = AtolJson.Validate<V5.ReceiptRequest>(json, out _, profile, "sell");
            var error = Assert.Single(result.Violations, v => v.Code == ValidationCodes.UnknownProperty);
            Assert.Equal(("receipt.items[0].measurement_unit", ValidationSeverity.Error), (error.Path, error.Severity));
        }
    }

    [Fact]
    public void A_duplicate_member_is_a_violation_at_its_path_in_the_safe_profile_and_the_last_value_in_the_service_profile()
    {
        byte[] json = V4SellJson("\"external_id\":", "\"external_id\":\"first\",\"external_id\":");
        var safe = AtolJson.Validate<V4.ReceiptRequest>(json, out _, ValidationProfile.Safe, "sell");
        var duplicate = Assert.Single(safe.Violations, v => v.Code == ValidationCodes.DuplicateProperty);
        Assert.Equal(("external_id", ValidationSeverity.Error), (duplicate.Path, duplicate.Severity));

        var service = AtolJson.Validate<V4.ReceiptRequest>(json, out var document, ValidationProfile.Service, "sell");
        Assert.True(service.IsValid);
        Assert.Equal(SampleDocuments.V4Sell(7, 3).ExternalId, document!.ExternalId);

        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V4.ReceiptRequest>(json));
        Assert.Equal((ValidationCodes.DuplicateProperty, "external_id"), (ex.Code, ex.Path));
    }

    [Fact]
    public void A_duplicate_member_deep_in_a_v5_document_is_reported_at_its_path()
    {
        byte[] json = Encoding.UTF8.GetBytes(AtolJson.ToJsonString(SampleDocuments.Sell(3, 2)).Replace("\"payments\":[{", "\"payments\":[{\"sum\":1,", StringComparison.Ordinal));
        var result = AtolJson.Validate<V5.ReceiptRequest>(json, out _);
        Assert.Contains(result.Violations, v => v.Path == "receipt.payments[0].sum" && v.Code == ValidationCodes.DuplicateProperty);
    }

    [Theory]
    [InlineData("sell", ValidationSeverity.Error, "Vat18ForbiddenInSellBuy")]
    [InlineData("buy", ValidationSeverity.Error, "Vat18ForbiddenInSellBuy")]
    [InlineData("sell_refund", ValidationSeverity.Warning, "Vat18Deprecated")]
    [InlineData("buy_refund", ValidationSeverity.Warning, "Vat18Deprecated")]
    [InlineData(null, ValidationSeverity.Warning, "Vat18Deprecated")]
    public void Vat18_in_v4_depends_on_the_operation(string? operation, ValidationSeverity severity, string code)
    {
        var receipt = SampleDocuments.V4Sell(7, 1);
        var item = receipt.Receipt.Items[0] with { Vat = new V4.ItemVat { Type = V4.VatType.Vat18 } };
        receipt = receipt with { Receipt = receipt.Receipt with { Items = [item], Vats = null } };

        var safe = receipt.Validate(ValidationProfile.Safe, operation);
        var vat = Assert.Single(safe.Violations, v => v.Path == "receipt.items[0].vat.type");
        Assert.Equal((code, severity), (vat.Code, vat.Severity));

        // The service refuses it in sell and buy too (a documented refusal), and says nothing elsewhere.
        var service = receipt.Validate(ValidationProfile.Service, operation);
        Assert.Equal(severity == ValidationSeverity.Error, service.Violations.Any(v => v.Code == CrossFieldRuleCodes.Vat18ForbiddenInSellBuy));
        Assert.All(service.Violations, v => Assert.Equal(ValidationSeverity.Error, v.Severity));
    }

    [Fact]
    public void The_service_profile_leaves_sums_to_the_register()
    {
        var receipt = SampleDocuments.V4Sell(7, 2);
        receipt = receipt with { Receipt = receipt.Receipt with { Total = receipt.Receipt.Total + 5 } };
        Assert.Contains(receipt.Validate().Violations, v => v.Code == CrossFieldRuleCodes.TotalRoundingLimit || v.Code == CrossFieldRuleCodes.TotalEqualsItemsSum);
        Assert.Same(ValidationResult.Valid, receipt.Validate(ValidationProfile.Service, "sell"));
    }

    [Fact]
    public void The_service_check_of_a_valid_100_item_receipt_allocates_nothing()
    {
        var receipt = SampleDocuments.Sell(42, 100);
        var v4 = SampleDocuments.V4Sell(42, 100);
        // Warm-up: the first call builds each type's compiled patterns once.
        Assert.Same(ValidationResult.Valid, receipt.Validate(ValidationProfile.Service, "sell"));
        Assert.Same(ValidationResult.Valid, v4.Validate(ValidationProfile.Service, "sell"));
        Assert.Same(ValidationResult.Valid, receipt.Validate(ValidationProfile.Safe, "sell"));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = receipt.Validate(ValidationProfile.Service, "sell");
        var resultV4 = v4.Validate(ValidationProfile.Service, "sell");
        var safeWithOperation = receipt.Validate(ValidationProfile.Safe, "sell");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(ValidationResult.Valid, result);
        Assert.Same(ValidationResult.Valid, resultV4);
        Assert.Same(ValidationResult.Valid, safeWithOperation);
        Assert.Equal(0, allocated);
    }
}
