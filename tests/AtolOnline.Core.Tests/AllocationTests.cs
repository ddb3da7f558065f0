using System.Buffers;
using System.Text.Json;
using AtolOnline.Emulator;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// "No allocation for a valid document": measured with the thread's allocation counter around the call (the
/// figures in benchmarks/README.md come from BenchmarkDotNet; this test only guards the zero).
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void Validating_a_valid_100_item_receipt_allocates_nothing()
    {
        var receipt = SampleDocuments.Sell(42, 100);
        var warmUp = receipt.Validate();
        Assert.True(warmUp.IsValid, string.Join("\n", warmUp.Violations));
        Assert.Empty(warmUp.Violations);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = receipt.Validate();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(ValidationResult.Valid, result);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_a_100_item_receipt_into_a_reused_buffer_allocates_nothing()
    {
        var receipt = SampleDocuments.Sell(43, 100);
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        using var writer = new Utf8JsonWriter(buffer, AtolJson.WriterOptions);
        receipt.WriteTo(writer);
        writer.Flush();
        int size = buffer.WrittenCount;

        buffer.ResetWrittenCount();
        writer.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        receipt.WriteTo(writer);
        writer.Flush();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(size, buffer.WrittenCount);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void An_invalid_document_reports_every_violation_at_once()
    {
        var receipt = SampleDocuments.Sell(44, 5);
        var items = receipt.Receipt.Items.ToArray();
        items[1] = items[1] with { Price = 1.001m, Name = new string('я', 129) };
        items[3] = items[3] with { Quantity = 0 };
        var broken = receipt with { ExternalId = "", Receipt = receipt.Receipt with { Items = items, Client = new V5.Buyer() } };

        var result = broken.Validate();

        Assert.False(result.IsValid);
        var found = result.Violations.Select(v => (v.Path, v.Code)).ToHashSet();
        Assert.Contains(("receipt.items[1].price", ValidationCodes.MultipleOf), found);
        Assert.Contains(("receipt.items[1].name", ValidationCodes.MaxLength), found);
        Assert.Contains(("receipt.items[3].quantity", ValidationCodes.Minimum), found);
        Assert.Contains(("external_id", ValidationCodes.MinLength), found);
        Assert.Contains(("receipt.client", CrossFieldRuleCodes.ClientContactRequired), found);
        var name = result.Violations.Single(v => v.Path == "receipt.items[1].name");
        Assert.Equal(1030, name.FfdTag);
        Assert.Contains("129", name.Message, StringComparison.Ordinal);
        Assert.Throws<AtolValidationException>(result.ThrowIfInvalid);
    }
}
