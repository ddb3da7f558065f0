using AtolOnline.Batch;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Cli.Commands;

/// <summary>What the CLI can do with one operation of one protocol, given documents as JSON.</summary>
internal sealed record OperationEntry(
    AtolProtocolVersion Version,
    string Name,
    Func<IAtolClient, byte[], CancellationToken, Task<AtolRegistration>> Register,
    Func<Stream, CancellationToken, IAsyncEnumerable<BatchItem>> ReadLines);

/// <summary>Every operation of both protocols, as the library's protocol descriptors list them, each bound to its document type.</summary>
internal static class Operations
{
    private static readonly OperationEntry[] All =
        [.. AtolProtocolDescriptor.All.SelectMany(protocol => protocol.Operations).Select(operation => operation.Accept(EntryBuilder.Instance))];

    public static IEnumerable<string> Names => All.Select(e => e.Name).Distinct();

    public static OperationEntry Find(AtolProtocolVersion version, string name) =>
        All.FirstOrDefault(e => e.Version == version && e.Name == name)
        ?? throw new UsageException($"операции {name} нет в протоколе {AtolProtocolDescriptor.For(version).PathSegment}");

    /// <summary>Binds the CLI's work (send one document, read JSON Lines) to the operation's document type.</summary>
    private sealed class EntryBuilder : IAtolOperationVisitor<OperationEntry>
    {
        public static readonly EntryBuilder Instance = new();

        public OperationEntry Visit<TDocument>(AtolOperation<TDocument> operation)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument =>
            new(operation.ProtocolVersion, operation.Name,
                (client, json, ct) => client.RegisterAsync(operation, ReadValid<TDocument>(json, operation.Name), ct),
                (input, ct) => BatchJsonLines.ReadAsync(input, operation, ct));
    }

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
