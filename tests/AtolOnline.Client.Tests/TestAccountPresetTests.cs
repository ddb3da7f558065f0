using AtolOnline.Emulator;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>ATOL's public test accounts have one home (Core's <see cref="AtolTestAccount"/>): the emulator and the client's test options use it.</summary>
public sealed class TestAccountPresetTests
{
    [Theory]
    [InlineData(AtolProtocolVersion.V4)]
    [InlineData(AtolProtocolVersion.V5)]
    public void Emulator_and_client_test_options_use_the_core_constants(AtolProtocolVersion version)
    {
        var preset = AtolTestAccount.For(version);
        var emulated = version == AtolProtocolVersion.V4 ? EmulatorAccount.TestV4 : EmulatorAccount.TestV5;
        Assert.Equal((preset.Login, preset.Password, preset.GroupCode, preset.ProtocolVersion, preset.Inn, preset.PaymentAddress),
            (emulated.Login, emulated.Password, emulated.GroupCode, emulated.Protocol, emulated.Inn, emulated.PaymentAddress));

        var options = AtolClientOptions.ForTestEnvironment(version);
        Assert.Equal((preset.Login, preset.Password, preset.GroupCode), (options.Login, options.Password, options.GroupCode));
        Assert.Equal(AtolClientOptions.TestAddress, options.BaseAddress);
    }

    [Fact]
    public async Task A_document_built_from_the_presets_is_done_by_the_emulator_with_strict_validation()
    {
        await using var atol = await Fixtures.StartAsync(o => o.StrictValidation = true);
        var client = Fixtures.Client(atol, AtolProtocolVersion.V4);
        var account = AtolTestAccount.V4;
        V4.Item[] items = [V4.Item.Create("Сыр весовой", 10.01m, 0.333m, V4.VatType.Vat22, V4.PaymentMethod.FullPayment, V4.PaymentObject.Commodity)];
        var request = new V4.ReceiptRequest
        {
            ExternalId = "preset-v4",
            Timestamp = new DateTime(2026, 11, 28, 12, 0, 0),
            Receipt = V4.Receipt.Create(new V4.Buyer { Email = "buyer@example.ru" },
                new V4.Company { Email = "shop@example.ru", Sno = V4.TaxationSystem.Osn, Inn = account.Inn, PaymentAddress = account.PaymentAddress },
                items, V4.PaymentType.Cash).WithReceiptVats(),
        };
        var registration = await client.SellAsync(request, cancellationToken: Fixtures.Ct);
        var report = await client.WaitForReportAsync(registration.Uuid, Fixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.Equal(3.33m, report.Total);
    }
}
