using Microsoft.Extensions.Logging;

namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// The transport of one client: authentication → retry → attempt timeout → metrics → HTTP (send, refuse redirects, buffer
/// under the size cap). Authentication is outermost so that a token refresh repeats the request once, with its own retries,
/// and does not spend an attempt; the timeout is inside retry so that each attempt gets its own; metrics count attempts.
/// </summary>
internal sealed class AtolHttpPipeline : IAtolPipelineStage
{
    private readonly AuthenticationStage _head;

    /// <param name="http">The HTTP client (not disposed).</param>
    /// <param name="options">Validated options; the pipeline copies what it needs.</param>
    /// <param name="logger">The logger.</param>
    public AtolHttpPipeline(HttpClient http, AtolClientOptions options, ILogger logger)
    {
        var retry = new AtolRetryPolicy { MaxAttempts = options.Retry.MaxAttempts, BaseDelay = options.Retry.BaseDelay, MaxDelay = options.Retry.MaxDelay, Jitter = options.Retry.Jitter };
        var transport = new HttpTransportStage(http, options.MaxResponseBytes, options.TimeProvider);
        var metrics = new MetricsStage(transport);
        var timeout = new AttemptTimeoutStage(metrics, options.AttemptTimeout);
        var retries = new RetryStage(timeout, retry, options.AttemptTimeout, options.TimeProvider, logger);
        _head = new AuthenticationStage(retries, logger);
    }

    public ValueTask<RawResponse> SendAsync(AtolHttpRequest request, CancellationToken cancellationToken) => _head.SendAsync(request, cancellationToken);
}
