using AtolOnline.Batch;

namespace AtolOnline.Cli.Commands;

/// <summary>What the CLI can do with one operation of one protocol, given documents as JSON.</summary>
internal sealed record OperationEntry(
    AtolProtocolVersion Version,
    string Name,
    Func<IAtolClient, byte[], CancellationToken, Task<AtolRegistration>> Register,
    Func<Stream, CancellationToken, IAsyncEnumerable<BatchItem>> ReadLines);

/// <summary>Every operation of both protocols, each bound to its document type.</summary>
internal static class Operations
{
    private static readonly OperationEntry[] All =
    [
        Entry(AtolV5Operations.Sell), Entry(AtolV5Operations.SellRefund), Entry(AtolV5Operations.Buy), Entry(AtolV5Operations.BuyRefund),
        Entry(AtolV5Operations.SellCorrection), Entry(AtolV5Operations.BuyCorrection), Entry(AtolV5Operations.SellRefundCorrection), Entry(AtolV5Operations.BuyRefundCorrection),
        Entry(AtolV4Operations.Sell), Entry(AtolV4Operations.SellRefund), Entry(AtolV4Operations.Buy), Entry(AtolV4Operations.BuyRefund),
        Entry(AtolV4Operations.SellCorrection), Entry(AtolV4Operations.BuyCorrection),
    ];

    public static IEnumerable<string> Names => All.Select(e => e.Name).Distinct();

    public static OperationEntry Find(AtolProtocolVersion version, string name) =>
        All.FirstOrDefault(e => e.Version == version && e.Name == name)
        ?? throw new UsageException($"операции {name} нет в протоколе {(version == AtolProtocolVersion.V4 ? "v4" : "v5")}");

    private static OperationEntry Entry<TDocument>(AtolOperation<TDocument> operation)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument =>
        new(operation.ProtocolVersion, operation.Name,
            (client, json, ct) => client.RegisterAsync(operation, ReadValid<TDocument>(json, operation.Name), ct),
            (input, ct) => BatchJsonLines.ReadAsync(input, operation, ct));

    /// <summary>Reads a document reporting every problem at once (shape and rules); nothing invalid is sent.</summary>
    private static TDocument ReadValid<TDocument>(byte[] json, string operation)
        where TDocument : class, IAtolJsonModel<TDocument>
    {
        // The operation decides rules such as vat18/vat118 in a v4 sell or buy (an error there, valid in a refund).
        var result = AtolJson.Validate<TDocument>(json, out var document, ValidationProfile.Safe, operation);
        if (!result.IsValid)
        {
            throw new AtolValidationException(result);
        }

        return document!;
    }
}
