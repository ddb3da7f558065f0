using System.Security.Cryptography;
using System.Text;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql;

/// <summary>One operation of one protocol, bound to its document type: reads queued JSON into documents and batch items.</summary>
internal abstract class QueueOperation
{
    public abstract string Name { get; }

    public abstract AtolProtocolVersion Protocol { get; }

    /// <summary>
    /// Reads and validates one request envelope; on success gives its external_id, the body as the client sends it
    /// (what the queue stores) and that body's SHA-256. Malformed JSON throws <see cref="AtolJsonException"/>.
    /// </summary>
    public abstract ValidationResult Read(ReadOnlySpan<byte> json, out string? externalId, out string canonical, out string contentHash);

    /// <summary>The batch item of a queued body (an unreadable item when the stored body no longer reads).</summary>
    public abstract BatchItem ToItem(string externalId, string json);

    public static QueueOperation Find(AtolProtocolVersion protocol, string name) =>
        AtolProtocolDescriptor.For(protocol).Operations.FirstOrDefault(o => o.Name == name)?.Accept(Binder.Instance)
        ?? throw new ArgumentException($"protocol {AtolProtocolDescriptor.For(protocol).PathSegment} has no operation {name}", nameof(name));

    private sealed class Binder : IAtolOperationVisitor<QueueOperation>
    {
        public static readonly Binder Instance = new();

        public QueueOperation Visit<TDocument>(AtolOperation<TDocument> operation)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument => new Typed<TDocument>(operation);
    }

    private sealed class Typed<TDocument>(AtolOperation<TDocument> operation) : QueueOperation
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        public override string Name => operation.Name;

        public override AtolProtocolVersion Protocol => operation.ProtocolVersion;

        public override ValidationResult Read(ReadOnlySpan<byte> json, out string? externalId, out string canonical, out string contentHash)
        {
            // The operation decides rules such as vat18/vat118 in a v4 sell (as in `atol batch`).
            var result = AtolJson.Validate<TDocument>(json, out var document, ValidationProfile.Safe, operation.Name);
            externalId = document?.ExternalId;
            if (document is null || !result.IsValid)
            {
                canonical = "";
                contentHash = "";
                return result;
            }

            // The same bytes and hash as BatchItem.ContentHash: what the client sends.
            byte[] body = AtolJson.ToUtf8Bytes(document);
            canonical = Encoding.UTF8.GetString(body);
            contentHash = Convert.ToHexStringLower(SHA256.HashData(body));
            return result;
        }

        public override BatchItem ToItem(string externalId, string json)
        {
            try
            {
                var document = AtolJson.Parse<TDocument>(Encoding.UTF8.GetBytes(json));
                return document.ExternalId == externalId
                    ? BatchItem.Create(operation, document)
                    : BatchItem.Unreadable(0, $"the queued body names external_id {document.ExternalId}, not the row's {externalId}", externalId);
            }
            catch (AtolJsonException ex)
            {
                return BatchItem.Unreadable(0, "the queued body no longer reads: " + ex.Message, externalId);
            }
        }
    }
}
