using System.Runtime.CompilerServices;

namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// The last stage: sends one attempt over the <see cref="HttpClient"/> (Token and Accept headers as the request says),
/// refuses redirects, buffers the answer under the size cap and reads Retry-After of a 429 or 5xx answer.
/// </summary>
internal sealed class HttpTransportStage(HttpClient http, int maxResponseBytes, TimeProvider time) : IAtolPipelineStage
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RawResponse> SendAsync(AtolHttpRequest request, CancellationToken cancellationToken)
    {
        // Disposing the message leaves the content alone (PooledJsonContent ignores it), so every attempt sends the same bytes.
        using var message = new HttpRequestMessage(request.Method, request.Uri) { Content = request.Content };
        if (request.Token is not null)
        {
            message.Headers.TryAddWithoutValidation("Token", request.Token);
        }

        if (request.Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        }

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        RedirectGuard.Refuse(request.Operation, request.Uri, response);
        int status = (int)response.StatusCode;
        var (buffer, length) = await ResponseBuffering.ReadAsync(response, maxResponseBytes, request.Operation, cancellationToken).ConfigureAwait(false);
        TimeSpan? retryAfter = null;
        if ((status == 429 || status >= 500) && response.Headers.RetryAfter is { } ra)
        {
            retryAfter = ra.Delta ?? (ra.Date is { } date ? date - time.GetUtcNow() : null);
        }

        return new RawResponse(buffer, length, status, request.Attempt, retryAfter);
    }
}
