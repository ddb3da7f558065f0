using AtolOnline.Json;
using AtolOnline.Protocol;
using AtolOnline.Validation;

namespace AtolOnline;

/// <summary>
/// One method per operation of each protocol, pairing the operation with its document type. Each validates and sends
/// through <see cref="IAtolRegistrationClient.RegisterAsync{TDocument}"/>. The external_id is the document's; when it is empty, a new
/// one is generated (<see cref="AtolExternalId.New"/>) and returned in <see cref="AtolRegistration.ExternalId"/>. A
/// <c>callbackUrl</c> given here replaces the document's <c>service.callback_url</c>.
/// </summary>
public static class AtolClientOperations
{
    /// <summary>Registers a sale (приход), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> SellAsync(this IAtolRegistrationClient client, V5.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.Sell, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a sale refund (возврат прихода), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> SellRefundAsync(this IAtolRegistrationClient client, V5.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.SellRefund, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a purchase (расход), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> BuyAsync(this IAtolRegistrationClient client, V5.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.Buy, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a purchase refund (возврат расхода), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> BuyRefundAsync(this IAtolRegistrationClient client, V5.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.BuyRefund, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a sale correction (коррекция прихода), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> SellCorrectionAsync(this IAtolRegistrationClient client, V5.CorrectionRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.SellCorrection, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a purchase correction (коррекция расхода), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> BuyCorrectionAsync(this IAtolRegistrationClient client, V5.CorrectionRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.BuyCorrection, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a sale refund correction (коррекция возврата прихода, v5 only), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> SellRefundCorrectionAsync(this IAtolRegistrationClient client, V5.CorrectionRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.SellRefundCorrection, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a purchase refund correction (коррекция возврата расхода, v5 only), protocol v5.</summary>
    /// <param name="client">The client (configured for v5).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> BuyRefundCorrectionAsync(this IAtolRegistrationClient client, V5.CorrectionRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV5Operations.BuyRefundCorrection, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a sale (приход), protocol v4.</summary>
    /// <param name="client">The client (configured for v4).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> SellAsync(this IAtolRegistrationClient client, V4.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV4Operations.Sell, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a sale refund (возврат прихода), protocol v4.</summary>
    /// <param name="client">The client (configured for v4).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> SellRefundAsync(this IAtolRegistrationClient client, V4.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV4Operations.SellRefund, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a purchase (расход), protocol v4.</summary>
    /// <param name="client">The client (configured for v4).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> BuyAsync(this IAtolRegistrationClient client, V4.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV4Operations.Buy, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a purchase refund (возврат расхода), protocol v4.</summary>
    /// <param name="client">The client (configured for v4).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> BuyRefundAsync(this IAtolRegistrationClient client, V4.ReceiptRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV4Operations.BuyRefund, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a sale correction (коррекция прихода), protocol v4.</summary>
    /// <param name="client">The client (configured for v4).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> SellCorrectionAsync(this IAtolRegistrationClient client, V4.CorrectionRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV4Operations.SellCorrection, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>Registers a purchase correction (коррекция расхода), protocol v4.</summary>
    /// <param name="client">The client (configured for v4).</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> BuyCorrectionAsync(this IAtolRegistrationClient client, V4.CorrectionRequest document, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(AtolV4Operations.BuyCorrection, Prepare(document, callbackUrl), cancellationToken);
    }

    /// <summary>
    /// Registers <paramref name="document"/> with <paramref name="operation"/> (any operation of <see cref="AtolProtocolDescriptor.Operations"/>),
    /// giving it a new external_id when it has none and replacing its callback URL when <paramref name="callbackUrl"/> is given.
    /// </summary>
    /// <typeparam name="TDocument">The operation's document type.</typeparam>
    /// <param name="client">The client (configured for the operation's protocol).</param>
    /// <param name="operation">The operation.</param>
    /// <param name="document">The document.</param>
    /// <param name="callbackUrl">Optional callback URL (replaces the document's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The uuid and status ATOL answered.</returns>
    /// <exception cref="AtolValidationException">The document is invalid; nothing was sent.</exception>
    /// <exception cref="AtolApiException">ATOL refused it or the call failed after every retry.</exception>
    public static Task<AtolRegistration> RegisterAsync<TDocument>(this IAtolRegistrationClient client, AtolOperation<TDocument> operation, TDocument document, string? callbackUrl, CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument<TDocument>
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RegisterAsync(operation, Prepare(document, callbackUrl), cancellationToken);
    }

    private static TDocument Prepare<TDocument>(TDocument document, string? callbackUrl)
        where TDocument : class, IAtolDocument<TDocument>
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.ExternalId.Length == 0)
        {
            document = document.WithExternalId(AtolExternalId.New());
        }

        return callbackUrl is null ? document : document.WithCallbackUrl(callbackUrl);
    }
}
