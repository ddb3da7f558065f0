using System.Buffers;
using System.Security.Cryptography;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch;

/// <summary>
/// One document of a batch: the operation, the document and its <c>external_id</c> (required: it is what makes
/// retries and restarts safe), or an input line that could not be read.
/// </summary>
public sealed class BatchItem
{
    private readonly Func<IAtolRegistrationClient, string?, CancellationToken, Task<AtolRegistration>>? _register;
    private readonly Func<ValidationResult>? _validate;
    private readonly Func<string>? _hash;
    private string? _contentHash;

    private BatchItem(string externalId, string operation, long? lineNumber, Func<IAtolRegistrationClient, string?, CancellationToken, Task<AtolRegistration>>? register, Func<ValidationResult>? validate, Func<string>? hash, string? inputError)
    {
        _hash = hash;
        ExternalId = externalId;
        Operation = operation;
        LineNumber = lineNumber;
        _register = register;
        _validate = validate;
        InputError = inputError;
    }

    /// <summary>The document's <c>external_id</c> (empty only for an unreadable input line).</summary>
    public string ExternalId { get; }

    /// <summary>The URL operation (<c>sell</c>, <c>buy_refund_correction</c>, ...).</summary>
    public string Operation { get; }

    /// <summary>The line of the input file, when the item came from one.</summary>
    public long? LineNumber { get; }

    /// <summary>Why the input could not be read; null for a real document.</summary>
    public string? InputError { get; }

    /// <summary>
    /// The SHA-256 (64 lowercase hex digits) of the request body this item sends (the document as the client writes
    /// it); the journal records it per external_id, so that another document under the same external_id is a
    /// conflict. Empty for an unreadable input line.
    /// </summary>
    public string ContentHash => _contentHash ??= _hash?.Invoke() ?? "";

    /// <summary>A document to register with <paramref name="operation"/>.</summary>
    /// <exception cref="ArgumentException">The document has no external_id.</exception>
    public static BatchItem Create<TDocument>(AtolOperation<TDocument> operation, TDocument document, long? lineNumber = null)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.ExternalId))
        {
            throw new ArgumentException("A batch needs an external_id on every document: it is what makes retries and restarts safe.", nameof(document));
        }

        return new BatchItem(document.ExternalId, operation.Name, lineNumber,
            (client, callbackUrl, ct) => client.RegisterAsync(operation, WithCallbackUrl(document, callbackUrl), ct),
            () =>
            {
                var context = new ValidationContext { Operation = operation.Name };
                document.Validate(context);
                return context.ToResult();
            },
            () =>
            {
                var body = new ArrayBufferWriter<byte>(4096);
                AtolJson.Write(document, body);
                return Convert.ToHexStringLower(SHA256.HashData(body.WrittenSpan));
            },
            null);
    }

    /// <summary>An input line that could not be read: reported as an outcome, never sent.</summary>
    public static BatchItem Unreadable(long lineNumber, string error, string? externalId = null) =>
        new(externalId ?? "", "", lineNumber, null, null, null, error);

    internal ValidationResult Validate() => _validate?.Invoke() ?? ValidationResult.Valid;

    /// <summary>Registers the document, with <paramref name="callbackUrl"/> in place of its own when given.</summary>
    /// <remarks>The content hash stays that of the document as given: a resumed run makes other callback URLs.</remarks>
    internal Task<AtolRegistration> RegisterAsync(IAtolRegistrationClient client, string? callbackUrl, CancellationToken cancellationToken) =>
        _register!(client, callbackUrl, cancellationToken);

    private static TDocument WithCallbackUrl<TDocument>(TDocument document, string? callbackUrl)
        where TDocument : class, IAtolDocument =>
        callbackUrl is null ? document : (TDocument)(document switch
        {
            V5.ReceiptRequest d => WithCallbackUrlOf(d, callbackUrl),
            V5.CorrectionRequest d => WithCallbackUrlOf(d, callbackUrl),
            V4.ReceiptRequest d => WithCallbackUrlOf(d, callbackUrl),
            V4.CorrectionRequest d => (object)WithCallbackUrlOf(d, callbackUrl),
            _ => throw new NotSupportedException($"{typeof(TDocument).Name} cannot carry a callback_url."),
        });

    private static TSelf WithCallbackUrlOf<TSelf>(TSelf document, string callbackUrl)
        where TSelf : class, IAtolDocument<TSelf> => document.WithCallbackUrl(callbackUrl);
}
