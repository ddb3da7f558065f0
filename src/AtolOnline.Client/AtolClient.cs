using System.Diagnostics;
using AtolOnline.Internal;
using AtolOnline.Internal.Pipeline;
using AtolOnline.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>
/// The ATOL Online client over an <see cref="HttpClient"/> you give it (plain, or from <c>IHttpClientFactory</c>; its
/// <see cref="HttpClient.BaseAddress"/> is not used). Thread-safe: share one instance. Tokens are cached per host, login and
/// protocol for the whole process, so short-lived instances (typed clients) do not fetch new tokens. Redirects are never
/// followed: a 3xx answer fails with <see cref="AtolApiException"/> naming its target, and an answer the
/// <see cref="HttpClient"/> fetched by following a redirect itself is refused (give it a handler with
/// <c>AllowAutoRedirect = false</c>, as <c>AddAtolClient</c> does). The monitoring calls are those of an
/// <see cref="AtolMonitoringClient"/> over the same transport.
/// </summary>
public sealed class AtolClient : IAtolClient
{
    private readonly ILogger _logger;
    private readonly AtolTransport _transport;
    private readonly AtolVersionMapping _protocol;
    private readonly TokenSource _token;
    private readonly ReportPoller _poller;
    private readonly AtolMonitoringClient _monitoring;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client (not disposed by this client).</param>
    /// <param name="options">Settings; validated and copied, later changes have no effect.</param>
    /// <param name="logger">Logger (none by default).</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="AtolClientOptions.Validate"/>).</exception>
    public AtolClient(HttpClient httpClient, AtolClientOptions options, ILogger<AtolClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _transport = new AtolTransport(httpClient, options, _logger);
        _protocol = new AtolVersionMapping(options.ProtocolVersion, _transport.Root, options.GroupCode, options.Login, options.Password, options.Source, _logger);
        _token = _transport.CreateTokenSource(_protocol.PathSegment, "possystem", AtolVersionMapping.TokenOperation, _protocol.TokenUri, _protocol.CreateTokenRequest);
        var polling = options.Polling;
        _poller = new ReportPoller(
            new AtolPollingPolicy { FirstDelay = polling.FirstDelay, NextDelay = polling.NextDelay, MaxDelay = polling.MaxDelay, Deadline = polling.Deadline },
            options.TimeProvider);
        _monitoring = new AtolMonitoringClient(_transport);
    }

    /// <inheritdoc/>
    public AtolProtocolVersion ProtocolVersion => _protocol.Version;

    /// <summary>How many possystem tokens this process fetched for this client's host, login and protocol.</summary>
    public int TokenFetchCount => _token.FetchCount;

    /// <inheritdoc/>
    public async Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(document);
        if (operation.ProtocolVersion != _protocol.Version)
        {
            throw new InvalidOperationException($"The client is configured for protocol {_protocol.Version}; {operation.Name} of {operation.ProtocolVersion} cannot be sent.");
        }

        // The public seam of Core: a per-thread context, nothing allocated when the document is valid.
        ValidationContext.Run(document, ValidationProfile.Safe, operation.Name).ThrowIfInvalid();
        cancellationToken.ThrowIfCancellationRequested();
        string externalId = document.ExternalId;
        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.register", ActivityKind.Client);
        activity?.SetTag("atol.operation", operation.Name);
        activity?.SetTag("atol.external_id", externalId);
        var content = PooledJsonContent.Create(document);
        try
        {
            var request = new AtolHttpRequest(operation.Name, AtolRequestKind.Registration, HttpMethod.Post, _protocol.OperationUri(operation.Name), content, _token);
            using var raw = await _transport.Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var registration = _protocol.ReadRegistration(raw, operation.Name, externalId);
            AtolDiagnostics.Registrations.Add(1, new("atol.operation", operation.Name), new("atol.duplicate", registration.IsDuplicate));
            activity?.SetTag("atol.uuid", registration.Uuid);
            return registration;
        }
        catch (Exception ex) when (OperationTelemetry.Failed(ex, operation.Name, activity, _logger))
        {
            throw;
        }
        finally
        {
            content.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uuid);
        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.report", ActivityKind.Client);
        activity?.SetTag("atol.uuid", uuid);
        try
        {
            AtolDiagnostics.ReportRequests.Add(1);
            var request = new AtolHttpRequest("report", AtolRequestKind.Report, HttpMethod.Get, _protocol.ReportUri(uuid), null, _token);
            using var raw = await _transport.Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return _protocol.ReadReport(raw, "report");
        }
        catch (Exception ex) when (OperationTelemetry.Failed(ex, "report", activity, _logger))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uuid);
        return await _poller.WaitAsync(this, uuid, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public AtolReport ParseCallback(ReadOnlySpan<byte> body) => _protocol.ParseCallback(body);

    /// <inheritdoc/>
    public Task<AtolCallbackVerification> VerifyCallbackAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        CallbackVerifier.VerifyAsync(this, this, body, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<CashRegister>> ListCashRegistersAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        _monitoring.ListCashRegistersAsync(limit, offset, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<CashRegister> EnumerateCashRegistersAsync(int pageSize = 100, CancellationToken cancellationToken = default) =>
        _monitoring.EnumerateCashRegistersAsync(pageSize, cancellationToken);

    /// <inheritdoc/>
    public Task<CashRegister?> GetCashRegisterAsync(string serialNumber, CancellationToken cancellationToken = default) =>
        _monitoring.GetCashRegisterAsync(serialNumber, cancellationToken);
}
