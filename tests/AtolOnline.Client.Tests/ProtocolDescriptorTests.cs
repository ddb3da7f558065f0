using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// One descriptor per protocol version: the client sends, and the emulator serves, every operation it lists (the
/// emulator's code 31 for an operation it does not list is pinned by the emulator's conformance tests).
/// </summary>
public sealed class ProtocolDescriptorTests
{
    [Fact]
    public async Task Every_operation_of_every_descriptor_is_registered_end_to_end_through_the_emulator()
    {
        await using var atol = await Fixtures.StartAsync();
        int sent = 0;
        foreach (var protocol in AtolProtocolDescriptor.All)
        {
            var client = Fixtures.Client(atol, protocol.Version);
            foreach (var operation in protocol.Operations)
            {
                string externalId = $"descriptor-{protocol.PathSegment}-{operation.Name}";
                var registration = await operation.Accept(new RegisterOne(client, externalId));
                Assert.Equal(operation.Name, registration.Operation);
                Assert.Equal(externalId, registration.ExternalId);
                var report = await client.WaitForReportAsync(registration.Uuid, Fixtures.Ct);
                Assert.Equal(AtolDocumentStatus.Done, report.Status);
                // The emulator's OFD link carries the settlement sign (tag 1054) the descriptor gives the operation.
                string? link = report.V5?.Payload?.OfdReceiptUrl ?? report.V4?.Payload?.OfdReceiptUrl;
                Assert.EndsWith($"&n={(int)operation.SettlementSign}", link, StringComparison.Ordinal);
                sent++;
            }
        }

        Assert.Equal(14, sent);
        Assert.Equal(14, atol.Documents.Count);
        Assert.All(atol.Documents, d => Assert.Equal(AtolProtocolDescriptor.For(d.Protocol).FindOperation(d.Operation)?.Name, d.Operation));
    }

    [Fact]
    public async Task A_v4_operation_is_refused_by_a_v5_client_before_anything_is_sent()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol, AtolProtocolVersion.V5);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RegisterAsync(AtolV4Operations.Sell, Fixtures.V4Sell("x"), Fixtures.Ct));
        Assert.Contains("sell of V4", error.Message, StringComparison.Ordinal);
        Assert.Empty(atol.Documents);
        Assert.Equal(0, client.TokenFetchCount);
    }

    /// <summary>Registers a valid document of the operation's own type: receipts and corrections of both versions.</summary>
    private sealed class RegisterOne(AtolClient client, string externalId) : IAtolOperationVisitor<Task<AtolRegistration>>
    {
        public Task<AtolRegistration> Visit<TDocument>(AtolOperation<TDocument> operation)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
        {
            object document = (operation.ProtocolVersion, operation.DocumentKind) switch
            {
                (AtolProtocolVersion.V5, AtolDocumentKind.Receipt) => SampleDocuments.Sell(7, 2, marked: false, agents: false) with { ExternalId = externalId },
                (AtolProtocolVersion.V5, AtolDocumentKind.Correction) => Fixtures.V5Correction(externalId),
                (AtolProtocolVersion.V4, AtolDocumentKind.Receipt) => Fixtures.V4Sell(externalId),
                _ => Fixtures.V4Correction(externalId),
            };
            return client.RegisterAsync(operation, (TDocument)document, Fixtures.Ct);
        }
    }
}
